import type { ResolutionOutcome } from '../workflow/workflow-complaint';
import type { FactsFor, Letter, LetterFacts, LetterWording } from './letter-facts';
import { formatLetterDate, formatMoney } from './letter-format';
import { referralParagraph, type ReferralStage } from './regulator-referral';

const SIGN_OFF = '此致\n敬礼！\n\n客户投诉处理团队';

const OUTCOME: Record<ResolutionOutcome, string> = {
  upheld: '经调查，我们认为您的投诉成立。',
  partially_upheld: '经调查，我们认为您的投诉部分成立。',
  not_upheld: '经调查，我们认为您的投诉不成立。',
};

export const CHINESE_LETTERS: LetterWording = {
  acknowledgement: (f) =>
    letter(`我们已收到您的投诉（编号：${f.reference}）`, f, [
      `我们已于${date(f, f.receivedAt)}收到您的投诉，投诉编号为${f.reference}。今后就此事与我们联系时，请提供该编号。`,
      `我们正在处理您的投诉，将于${date(f, f.dueAt)}前向您作出答复。如需您补充材料，我们会及时与您联系。`,
    ]),
  information_request: (f) =>
    letter(`关于您的投诉，需要您补充材料（编号：${f.reference}）`, f, [
      `为继续处理您于${date(f, f.receivedAt)}提出的投诉（编号：${f.reference}），请您提供以下材料或信息：`,
      f.requestedInformation,
      `回复时请注明投诉编号${f.reference}。`,
    ]),
  holding_reply: (f) =>
    letter(`关于您投诉处理进度的说明（编号：${f.reference}）`, f, [
      `关于您于${date(f, f.receivedAt)}提出的投诉（编号：${f.reference}），` +
        `${f.dueAt ? `我们原计划于${date(f, f.dueAt)}前向您作出最终答复，` : ''}很抱歉目前尚未能完成处理。`,
      `延期原因：${f.delayReason}`,
      `我们预计将于${date(f, f.newExpectedAt)}前向您作出最终答复。`,
      referral(f, 'pending'),
    ]),
  final_response: (f) =>
    letter(`关于您投诉的最终答复（编号：${f.reference}）`, f, [
      `感谢您耐心等待。关于您于${date(f, f.receivedAt)}提出的投诉（编号：${f.reference}），现作出最终答复如下。`,
      ...decision(f),
      referral(f, 'final'),
    ]),
  summary_resolution: (f) =>
    letter(`您的投诉已处理完毕（编号：${f.reference}）`, f, [
      `感谢您于${date(f, f.receivedAt)}向我们提出投诉（编号：${f.reference}）。我们很高兴已为您解决了这一问题。`,
      ...decision(f),
      referral(f, 'final'),
    ]),
};

function letter(subject: string, f: LetterFacts & { customerName: string }, paragraphs: string[]): Letter {
  return { subject, body: [`尊敬的${f.customerName}：`, ...paragraphs, SIGN_OFF].join('\n\n') };
}

function date(f: LetterFacts, instant: Date): string {
  return formatLetterDate('zh', instant, f.timeZone);
}

function decision(f: FactsFor<'final_response'>): string[] {
  return [OUTCOME[f.outcome], f.summary, ...(f.redress ? [`作为补偿，我们将向您支付${formatMoney('zh', f.redress)}。`] : [])];
}

function referral(f: LetterFacts & { jurisdiction: string; receivedAt: Date }, stage: ReferralStage): string {
  return referralParagraph('zh', { jurisdiction: f.jurisdiction, stage, date: f.date, receivedAt: f.receivedAt, timeZone: f.timeZone });
}
