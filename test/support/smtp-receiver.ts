import { createServer, type Server, type Socket } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpReceiver {
  url: string;
  mails: ReceivedMail[];
  /** While true every new connection is turned away with 421, as an overloaded or stopping server does. */
  down: boolean;
  close(): Promise<void>;
}

/**
 * Just enough SMTP to receive what nodemailer sends: no TLS, no auth. With `refuse` every recipient
 * is rejected with 550, as a server does for an unknown mailbox.
 */
export async function startSmtpReceiver(refuse = false): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  const sockets = new Set<Socket>();
  const receiver = { down: false };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (receiver.down) {
      socket.end('421 4.3.2 service not available\r\n');
      return;
    }
    socket.setEncoding('utf8');
    let pending = '';
    let mail: ReceivedMail = { from: '', to: [], raw: '' };
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    const onLine = (line: string) => {
      if (inData) {
        if (line === '.') {
          inData = false;
          mails.push(mail);
          mail = { from: '', to: [], raw: '' };
          reply('250 2.0.0 queued');
        } else {
          mail.raw += `${line.startsWith('..') ? line.slice(1) : line}\r\n`;
        }
        return;
      }
      const verb = line.split(/[ :]/)[0].toUpperCase();
      if (verb === 'EHLO' || verb === 'HELO') reply('250 test-smtp');
      else if (verb === 'MAIL') {
        mail.from = line.slice(10);
        reply('250 2.1.0 ok');
      } else if (verb === 'RCPT') {
        if (refuse) reply('550 5.1.1 mailbox unavailable');
        else {
          mail.to.push(line.slice(8));
          reply('250 2.1.5 ok');
        }
      } else if (verb === 'DATA') {
        inData = true;
        reply('354 end with <CRLF>.<CRLF>');
      } else if (verb === 'QUIT') {
        reply('221 bye');
        socket.end();
      } else if (verb === 'RSET' || verb === 'NOOP') reply('250 ok');
      else reply('502 5.5.1 not implemented');
    };
    socket.on('data', (chunk: string) => {
      pending += chunk;
      let end: number;
      while ((end = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        onLine(line);
      }
    });
    reply('220 test-smtp ready');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    get down() {
      return receiver.down;
    },
    set down(value: boolean) {
      receiver.down = value;
    },
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

/** The Subject header with its RFC 2047 encoded words (how non-ASCII subjects travel) decoded. */
export function subjectOf(raw: string): string {
  const folded = /^Subject: (.*(?:\r\n[ \t].*)*)/im.exec(raw)?.[1] ?? '';
  const parts = folded.replace(/\r\n[ \t]/g, ' ').split(/(=\?[^?]+\?[BQbq]\?[^?]*\?=)/);
  const bytes = parts.flatMap((part, i) => {
    const word = /^=\?[^?]+\?([BQbq])\?([^?]*)\?=$/.exec(part);
    if (word) {
      return word[1].toUpperCase() === 'B'
        ? [Buffer.from(word[2], 'base64')]
        : [Buffer.from(word[2].replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1')];
    }
    // Whitespace between two encoded words is folding, not text.
    const betweenWords = i > 0 && i < parts.length - 1 && /^\s+$/.test(part);
    return betweenWords ? [] : [Buffer.from(part, 'utf8')];
  });
  return Buffer.concat(bytes).toString('utf8');
}

/** The body of a single-part message, its transfer encoding (quoted-printable, base64) undone. */
export function textOf(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = split >= 0 ? raw.slice(0, split) : '';
  const body = split >= 0 ? raw.slice(split + 4) : raw;
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1].toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const unfolded = body.replace(/=\r\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < unfolded.length; i++) {
      const hex = unfolded[i] === '=' ? /^[0-9A-F]{2}$/i.exec(unfolded.slice(i + 1, i + 3)) : null;
      if (hex) {
        bytes.push(parseInt(hex[0], 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(unfolded[i], 'utf8'));
      }
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}
