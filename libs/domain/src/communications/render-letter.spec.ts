import { MissingLetterFactsError, type LetterFacts } from './letter-facts';
import { renderLetter } from './render-letter';

const SHANGHAI = 'Asia/Shanghai';

// 17:30 UTC is already the next morning in Shanghai: the letter must show the customer's date.
const base: LetterFacts = {
  date: new Date('2026-12-10T02:00:00Z'),
  timeZone: SHANGHAI,
  reference: 'CMP-2026-000123',
  customerName: '李娜',
  receivedAt: new Date('2026-11-27T17:30:00Z'),
  dueAt: new Date('2026-12-18T15:59:59Z'),
  jurisdiction: 'CN',
};

describe('renderLetter: acknowledgement', () => {
  it('writes the Chinese letter with the reference and the dates as the customer counts them', () => {
    const letter = renderLetter('acknowledgement', 'zh', base);
    expect(letter.subject).toBe('我们已收到您的投诉（编号：CMP-2026-000123）');
    expect(letter.body).toContain('尊敬的李娜：');
    expect(letter.body).toContain('我们已于2026年11月28日收到您的投诉，投诉编号为CMP-2026-000123。');
    expect(letter.body).toContain('将于2026年12月18日前向您作出答复');
    expect(letter.body.endsWith('此致\n敬礼！\n\n客户投诉处理团队')).toBe(true);
  });

  it('writes the English letter in the zone it is given', () => {
    const letter = renderLetter('acknowledgement', 'en', { ...base, customerName: 'Ann Moss', timeZone: 'Europe/London' });
    expect(letter.subject).toBe('We have received your complaint – reference CMP-2026-000123');
    expect(letter.body.startsWith('Dear Ann Moss,\n\n')).toBe(true);
    expect(letter.body).toContain('We received your complaint on 27 November 2026 and have registered it under reference CMP-2026-000123.');
    expect(letter.body).toContain('will send you our response by 18 December 2026.');
  });

  it('is refused without a due date, naming it', () => {
    expect(() => renderLetter('acknowledgement', 'en', { ...base, dueAt: null })).toThrow(
      expect.objectContaining({ kind: 'acknowledgement', missing: ['dueAt'] }),
    );
  });
});

describe('renderLetter: final response', () => {
  const decided: LetterFacts = {
    ...base,
    outcome: 'partially_upheld',
    summary: '重复扣款已核实，我们已撤销其中一笔交易。',
    redress: { amount: 1234.5, currency: 'CNY' },
  };

  it('states the outcome, the summary, the redress and the NFRA hotline in Chinese', () => {
    const { subject, body } = renderLetter('final_response', 'zh', decided);
    expect(subject).toBe('关于您投诉的最终答复（编号：CMP-2026-000123）');
    expect(body).toContain('经调查，我们认为您的投诉部分成立。');
    expect(body).toContain('重复扣款已核实，我们已撤销其中一笔交易。');
    expect(body).toContain('作为补偿，我们将向您支付人民币1,234.50元。');
    expect(body).toContain('如您对本答复不满意，可以向国家金融监督管理总局或其派出机构反映，消费者投诉维权热线：12378。');
  });

  it('tells a UK customer about the Financial Ombudsman Service and the six months from the letter', () => {
    const { body } = renderLetter('final_response', 'en', {
      ...decided,
      customerName: 'Ann Moss',
      jurisdiction: 'GB',
      timeZone: 'Europe/London',
      outcome: 'upheld',
      summary: 'The second payment was a duplicate and has been reversed.',
      redress: { amount: 50, currency: 'GBP' },
    });
    expect(body).toContain('Having investigated your complaint, we have upheld it.');
    expect(body).toContain('As redress, we will pay you GBP 50.00.');
    expect(body).toContain(
      'you may refer your complaint to the Financial Ombudsman Service, free of charge, within six months of the date of this letter (10 December 2026).',
    );
    expect(body).toContain('www.financial-ombudsman.org.uk, 0800 023 4567');
  });

  it('says nothing about redress when there is none', () => {
    const { body } = renderLetter('final_response', 'en', { ...decided, outcome: 'not_upheld', summary: 'The charge was correct.', redress: null });
    expect(body).toContain('Having investigated your complaint, we have not upheld it.\n\nThe charge was correct.\n\nIf you are not satisfied');
    expect(body).not.toContain('redress');
  });

  it('lists every missing fact of the decision at once', () => {
    let error: MissingLetterFactsError | undefined;
    try {
      renderLetter('final_response', 'zh', { ...base, summary: '   ' });
    } catch (e) {
      error = e as MissingLetterFactsError;
    }
    expect(error).toBeInstanceOf(MissingLetterFactsError);
    expect(error!.missing).toEqual(['outcome', 'summary']);
    expect(error!.message).toBe('A final_response letter needs outcome, summary');
  });
});

describe('renderLetter: holding reply', () => {
  const delayed: LetterFacts = {
    ...base,
    delayReason: '需要向发卡机构调取交易凭证。',
    newExpectedAt: new Date('2027-01-05T04:00:00Z'),
  };

  it('explains the delay and gives the new date in Chinese', () => {
    const { subject, body } = renderLetter('holding_reply', 'zh', delayed);
    expect(subject).toBe('关于您投诉处理进度的说明（编号：CMP-2026-000123）');
    expect(body).toContain('我们原计划于2026年12月18日前向您作出最终答复，很抱歉目前尚未能完成处理。');
    expect(body).toContain('延期原因：需要向发卡机构调取交易凭证。');
    expect(body).toContain('我们预计将于2027年1月5日前向您作出最终答复。');
    expect(body).toContain('如您对我们的处理进度不满意，可以向国家金融监督管理总局或其派出机构反映，消费者投诉维权热线：12378。');
  });

  it('tells a UK customer when the ombudsman will take the case without our final response', () => {
    const { body } = renderLetter('holding_reply', 'en', {
      ...delayed,
      jurisdiction: 'GB',
      timeZone: 'Europe/London',
      delayReason: 'We are waiting for the card scheme’s records.',
    });
    expect(body).toContain('Why it is taking longer: We are waiting for the card scheme’s records.');
    expect(body).toContain('We now expect to send you our final response by 5 January 2027.');
    expect(body).toContain(
      'From 22 January 2027, eight weeks after we received your complaint, you may refer it to the Financial Ombudsman Service, free of charge, ' +
        'without waiting for our final response.',
    );
  });

  it('leaves out the original date when the complaint has none', () => {
    const { body } = renderLetter('holding_reply', 'en', { ...delayed, customerName: 'Ann', dueAt: null });
    expect(body).toContain('We are sorry that we have not yet been able to give you our final response.');
  });

  it('needs the reason and the new date', () => {
    expect(() => renderLetter('holding_reply', 'en', base)).toThrow(expect.objectContaining({ missing: ['delayReason', 'newExpectedAt'] }));
  });
});

describe('renderLetter: other kinds', () => {
  it('asks for the information in the customer’s words', () => {
    const { subject, body } = renderLetter('information_request', 'en', { ...base, customerName: 'Ann', requestedInformation: 'A copy of the card statement.' });
    expect(subject).toBe('We need some information about your complaint – reference CMP-2026-000123');
    expect(body).toContain('we need the following from you:\n\nA copy of the card statement.');
  });

  it('writes a summary resolution with the outcome and the referral right', () => {
    const { subject, body } = renderLetter('summary_resolution', 'zh', { ...base, outcome: 'upheld', summary: '已退回重复扣款。', redress: null });
    expect(subject).toBe('您的投诉已处理完毕（编号：CMP-2026-000123）');
    expect(body).toContain('我们很高兴已为您解决了这一问题。\n\n经调查，我们认为您的投诉成立。\n\n已退回重复扣款。');
    expect(body).toContain('12378');
  });
});
