import { DateTime } from 'luxon';
import type { Language } from '../complaint/channel';
import { formatLetterDate } from './letter-format';

/** Whose external redress scheme the customer is told about. */
export type ReferralScheme = 'CN' | 'GB' | 'EU' | 'US' | 'AU' | 'other';

/**
 * `pending`: the complaint is still open (a holding reply must tell the customer where to go if
 * the delay is not acceptable); `final`: our answer has been given.
 */
export type ReferralStage = 'pending' | 'final';

export interface ReferralContext {
  jurisdiction: string;
  stage: ReferralStage;
  /** The letter's date; the UK six-month window runs from the final response. */
  date: Date;
  receivedAt: Date;
  timeZone: string;
}

const EU_MEMBERS = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'EL', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL',
  'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
]);

/** The FCA lets a customer go to the ombudsman once eight weeks have passed without a final response. */
const GB_OMBUDSMAN_WAIT_WEEKS = 8;

const FOS_CONTACT = 'www.financial-ombudsman.org.uk, 0800 023 4567';
const AFCA_CONTACT = 'www.afca.org.au, info@afca.org.au, 1800 931 678';

export function referralScheme(jurisdiction: string): ReferralScheme {
  const country = jurisdiction.toUpperCase().split('-')[0];
  if (country === 'CN' || country === 'GB' || country === 'US' || country === 'AU') return country;
  if (country === 'EU' || EU_MEMBERS.has(country)) return 'EU';
  return 'other';
}

type Paragraph = (ctx: ReferralContext, date: (instant: Date) => string) => string;

const ZH: Record<ReferralScheme, Paragraph> = {
  CN: ({ stage }) =>
    `如您对${stage === 'final' ? '本答复' : '我们的处理进度'}不满意，可以向国家金融监督管理总局或其派出机构反映，消费者投诉维权热线：12378。`,
  GB: (ctx, date) =>
    ctx.stage === 'final'
      ? `如您对本答复不满意，可在本函日期（${date(ctx.date)}）起六个月内，免费将投诉提交英国金融申诉专员服务机构（Financial Ombudsman Service）。` +
        `如您未在期限内提交，申诉专员将无法获得我们的同意来审理您的投诉，只能在非常有限的情况下（例如其认为延误是由特殊情况造成的）受理。` +
        `联系方式：${FOS_CONTACT}。`
      : `自我们收到您的投诉满八周起（即${date(eightWeeksAfter(ctx))}起），即使尚未收到我们的最终答复，您也可以免费将投诉提交英国金融申诉专员服务机构` +
        `（Financial Ombudsman Service）。联系方式：${FOS_CONTACT}。`,
  EU: ({ stage }) =>
    `如您对${stage === 'final' ? '本答复' : '我们的处理进度'}不满意，可以将投诉提交您所在国家负责金融服务的替代性争议解决（ADR）机构；` +
    `欧盟委员会的金融争议解决网络 FIN-NET 列有这些机构。`,
  US: ({ stage }) =>
    `如您对${stage === 'final' ? '本答复' : '我们的处理进度'}不满意，也可以通过 www.consumerfinance.gov/complaint 或致电 (855) 411-2372 ` +
    `向美国消费者金融保护局（CFPB）投诉。`,
  AU: ({ stage }) =>
    `如您对${stage === 'final' ? '本答复' : '处理延误'}不满意，可以向澳大利亚金融投诉局（AFCA）投诉。AFCA 是免费、独立的外部争议解决机构，` +
    `联系方式：${AFCA_CONTACT}（免费电话）。向 AFCA 投诉可能有时限，请尽早行动，或查询 AFCA 网站了解适用于您的时限何时届满。`,
  other: ({ stage }) => `如您对${stage === 'final' ? '本答复' : '我们的处理进度'}不满意，可以向您所在国家或地区的金融监管机构或金融申诉专员反映。`,
};

const EN: Record<ReferralScheme, Paragraph> = {
  CN: ({ stage }) =>
    `If you are not satisfied with ${stage === 'final' ? 'this response' : 'how we are handling your complaint'}, you may raise the matter with ` +
    'the National Financial Regulatory Administration (NFRA, 国家金融监督管理总局) or its local office; its consumer protection hotline is 12378.',
  GB: (ctx, date) =>
    ctx.stage === 'final'
      ? `If you are not satisfied with this response, you may refer your complaint to the Financial Ombudsman Service, free of charge, within six months ` +
        `of the date of this letter (${date(ctx.date)}). If you do not refer your complaint in time, the Ombudsman will not have our permission to ` +
        'consider it and so will only be able to do so in very limited circumstances, for example if it believes that the delay was the result of ' +
        `exceptional circumstances. Financial Ombudsman Service: ${FOS_CONTACT}.`
      : `From ${date(eightWeeksAfter(ctx))}, eight weeks after we received your complaint, you may refer it to the Financial Ombudsman Service, ` +
        `free of charge, without waiting for our final response. Financial Ombudsman Service: ${FOS_CONTACT}.`,
  EU: ({ stage }) =>
    `If you are not satisfied with ${stage === 'final' ? 'this response' : 'how we are handling your complaint'}, you may refer your complaint to ` +
    'the alternative dispute resolution (ADR) body for financial services in your country; FIN-NET, the European Commission’s network of these ' +
    'bodies, lists them.',
  US: ({ stage }) =>
    `If you are not satisfied with ${stage === 'final' ? 'this response' : 'how we are handling your complaint'}, you may also submit a complaint ` +
    'to the Consumer Financial Protection Bureau (CFPB) at www.consumerfinance.gov/complaint or by calling (855) 411-2372.',
  AU: ({ stage }) =>
    `If you are not satisfied with ${stage === 'final' ? 'this response' : 'the delay'}, you may complain to the Australian Financial Complaints ` +
    `Authority (AFCA), a free and independent external dispute resolution scheme: ${AFCA_CONTACT} (free call). Time limits may apply to complain ` +
    'to AFCA, so you should act promptly or check the AFCA website to find out when the time limit relevant to your circumstances expires.',
  other: ({ stage }) =>
    `If you are not satisfied with ${stage === 'final' ? 'this response' : 'how we are handling your complaint'}, you may refer your complaint ` +
    'to the financial regulator or ombudsman in your country.',
};

/** The paragraph telling the customer where to take the complaint if our answer does not satisfy them. */
export function referralParagraph(language: Language, ctx: ReferralContext): string {
  const paragraphs = language === 'zh' ? ZH : EN;
  return paragraphs[referralScheme(ctx.jurisdiction)](ctx, (instant) => formatLetterDate(language, instant, ctx.timeZone));
}

function eightWeeksAfter(ctx: ReferralContext): Date {
  return DateTime.fromJSDate(ctx.receivedAt, { zone: ctx.timeZone }).plus({ weeks: GB_OMBUDSMAN_WAIT_WEEKS }).toJSDate();
}
