/**
 * Believable demo complaints for `npm run seed:demo`: pure and deterministic (a seeded PRNG and an
 * explicit `now`), so the same seed always yields the same complaints and a re-run is idempotent
 * through `externalRef` (demo-000001, ...).
 *
 * Each item draws from its own PRNG, seeded by (seed, index). Item n's channel, customer and text
 * therefore do not depend on --count, only its position in time does; running with a larger count
 * later adds complaints instead of colliding with different ones under the same externalRef.
 *
 * Nothing here talks to Nest or the database: the script validates and submits what this returns.
 */
import type { Channel, Language } from '@redress/domain';
import { descriptionSimilarity } from '@redress/domain';
import type { CreateComplaintDto, CustomerDto } from '../complaint.dto';

export const DEFAULT_DEMO_SEED = 20261128;
export const DEFAULT_DEMO_COUNT = 300;
export const DEFAULT_DEMO_DAYS = 60;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for demo data and identical on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts, for deriving independent seeds (and short stable ids) from several values. */
export function fnv1a(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = `${part}\u0000`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }

  hex(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += this.int(0, 15).toString(16);
    return out;
  }

  alnum(count: number): string {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    for (let i = 0; i < count; i++) out += chars[this.int(0, chars.length - 1)];
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Customers
// ---------------------------------------------------------------------------------------------

/** Where a customer lives: language, home currency and the UTC offset their timestamps are written in. */
export type Locale = 'cn' | 'gb' | 'us' | 'ie';

interface LocaleInfo {
  language: Language;
  currency: string;
  offsetMinutes: number;
}

const LOCALES: Record<Locale, LocaleInfo> = {
  cn: { language: 'zh', currency: 'CNY', offsetMinutes: 8 * 60 },
  gb: { language: 'en', currency: 'GBP', offsetMinutes: 0 },
  us: { language: 'en', currency: 'USD', offsetMinutes: -5 * 60 },
  ie: { language: 'en', currency: 'EUR', offsetMinutes: 60 },
};

const LOCALE_WEIGHTS: ReadonlyArray<readonly [Locale, number]> = [
  ['cn', 50],
  ['gb', 25],
  ['us', 15],
  ['ie', 10],
];

const ZH_SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
  ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
  ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['高', 'gao'], ['林', 'lin'], ['罗', 'luo'], ['郑', 'zheng'], ['梁', 'liang'],
];

const ZH_GIVEN: ReadonlyArray<readonly [string, string]> = [
  ['小明', 'xiaoming'], ['丽华', 'lihua'], ['建国', 'jianguo'], ['秀英', 'xiuying'], ['志强', 'zhiqiang'], ['桂兰', 'guilan'],
  ['娜', 'na'], ['伟', 'wei'], ['芳', 'fang'], ['磊', 'lei'], ['静', 'jing'], ['洋', 'yang'], ['婷婷', 'tingting'],
  ['海燕', 'haiyan'], ['子豪', 'zihao'], ['雨桐', 'yutong'], ['文博', 'wenbo'], ['晓东', 'xiaodong'], ['淑珍', 'shuzhen'],
  ['思远', 'siyuan'], ['佳怡', 'jiayi'], ['国华', 'guohua'], ['玉梅', 'yumei'], ['浩然', 'haoran'],
];

const ZH_ADDRESSES = [
  ['上海市浦东新区世纪大道', '号'], ['上海市徐汇区漕溪北路', '号'], ['北京市朝阳区建国路', '号'], ['北京市海淀区中关村大街', '号'],
  ['广州市天河区天河路', '号'], ['深圳市福田区深南大道', '号'], ['杭州市西湖区文三路', '号'], ['成都市武侯区人民南路', '段'],
  ['南京市鼓楼区中山路', '号'], ['武汉市江汉区解放大道', '号'],
] as const;

const EN_FIRST = [
  'Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Olivia', 'Jack', 'Emily', 'Noah', 'Sophie', 'James', 'Grace',
  'Margaret', 'David', 'Susan', 'Michael', 'Sarah', 'Daniel', 'Aoife', 'Sean', 'Priya', 'Mohammed', 'Chloe', 'Thomas',
];

const EN_LAST = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Wright', 'Walker',
  'Murphy', "O'Brien", 'Kelly', 'Evans', 'Roberts', 'Hughes', 'Khan', 'Clarke', 'Lewis', 'Garcia', 'Miller',
];

const EN_ADDRESSES: Record<Exclude<Locale, 'cn'>, ReadonlyArray<string>> = {
  gb: ['High Street, Manchester M1 1AE', 'Church Road, Leeds LS6 2AB', 'Station Road, Bristol BS1 4DJ', 'Victoria Street, Edinburgh EH1 2HE', 'Park Lane, Birmingham B15 2TT'],
  us: ['Main Street, Springfield, IL 62701', 'Oak Avenue, Austin, TX 78701', 'Maple Drive, Columbus, OH 43004', 'Elm Street, Portland, OR 97201'],
  ie: ['Grafton Street, Dublin 2, D02 VF65', 'Patrick Street, Cork, T12 X5F3', 'Shop Street, Galway, H91 C2W8'],
};

interface DemoCustomer {
  record: CustomerDto;
  locale: Locale;
  /** Local-part material for made-up addresses, e.g. "xiaoming.wang". */
  handle: string;
}

function makeCustomer(id: string, locale: Locale, vulnerable: boolean, rng: Rng): DemoCustomer {
  const info = LOCALES[locale];
  let name: string;
  let handle: string;
  let phone: string;
  let address: string;
  let accountNumber: string;
  if (locale === 'cn') {
    const [surname, surnamePinyin] = rng.pick(ZH_SURNAMES);
    const [given, givenPinyin] = rng.pick(ZH_GIVEN);
    name = `${surname}${given}`;
    handle = `${givenPinyin}.${surnamePinyin}`;
    phone = `+86 1${rng.pick(['38', '39', '58', '86', '37'])} ${rng.digits(4)} ${rng.digits(4)}`;
    const [street, unit] = rng.pick(ZH_ADDRESSES);
    address = `${street}${rng.int(1, 999)}${unit}${rng.int(1, 30)}栋${rng.int(101, 2805)}室`;
    accountNumber = `6222 ${rng.digits(4)} ${rng.digits(4)} ${rng.digits(4)}`;
  } else {
    const first = rng.pick(EN_FIRST);
    const last = rng.pick(EN_LAST);
    name = `${first} ${last}`;
    handle = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    // Numbers reserved for fiction where there are such ranges (Ofcom 07700 900xxx, NANP 555-01xx).
    phone =
      locale === 'gb' ? `+44 7700 900${rng.digits(3)}` : locale === 'us' ? `+1 202 555 01${rng.digits(2)}` : `+353 85 ${rng.digits(3)} ${rng.digits(4)}`;
    address = `${rng.int(1, 240)} ${rng.pick(EN_ADDRESSES[locale])}`;
    accountNumber =
      locale === 'gb'
        ? `${rng.digits(2)}-${rng.digits(2)}-${rng.digits(2)} ${rng.digits(8)}`
        : locale === 'us'
          ? rng.digits(10)
          : `IE${rng.digits(2)} DEMO ${rng.digits(4)} ${rng.digits(4)} ${rng.digits(4)} ${rng.digits(2)}`;
  }
  const record: CustomerDto = { id, name, preferredLanguage: info.language };
  if (rng.chance(0.75)) record.email = `${handle}${rng.int(1, 99)}@${rng.pick(['example.com', 'example.net', 'example.org'])}`;
  if (rng.chance(0.85)) record.phone = phone;
  if (rng.chance(0.6)) record.address = address;
  if (rng.chance(0.7)) record.accountNumber = accountNumber;
  if (vulnerable) record.vulnerable = true;
  return { record, locale, handle };
}

// ---------------------------------------------------------------------------------------------
// Complaint texts
// ---------------------------------------------------------------------------------------------

interface AmountSpec {
  min: number;
  max: number;
  /** Rounding step: 1 for whole units, 0.01 for cents, 100 for round hundreds. */
  step: number;
  /** A fixed currency (e.g. an overseas transfer in USD); otherwise the customer's own. */
  currency?: string;
}

export interface DemoTemplate {
  key: string;
  language: Language;
  product: string;
  category: string;
  /** Placeholders: {amount} {date} {merchant} {branch}. */
  text: string;
  amount?: AmountSpec;
  /** Probability the complainant is vulnerable; 1 when the text says so (age, bereavement, illness). */
  vulnerable?: number;
  /** English texts that only make sense in some countries (ISA, remortgage, PPI). */
  locales?: readonly Locale[];
}

export const DEMO_TEMPLATES: readonly DemoTemplate[] = [
  // ----- Chinese -----
  {
    key: 'zh-cc-annual-fee', language: 'zh', product: 'credit_card', category: 'fees_charges', amount: { min: 200, max: 1200, step: 100 },
    text: '信用卡年费{amount}在未经我同意的情况下被扣收了。办卡时客户经理明确说首年免年费，一年刷满六笔就免次年年费，我这一年消费了二十多笔，还是被收了年费。要求退还年费，并说明为什么没有按承诺减免。',
  },
  {
    key: 'zh-cc-double-charge', language: 'zh', product: 'credit_card', category: 'billing_dispute', amount: { min: 150, max: 9000, step: 0.01 },
    text: '{date}我在{merchant}刷信用卡消费{amount}，结果账单上出现了两笔一模一样的扣款。打客服电话后说七个工作日内处理，现在已经过去半个多月，钱没有退回来，也没有任何人联系我。请尽快退回重复扣的款项。',
  },
  {
    key: 'zh-dc-skimmed', language: 'zh', product: 'debit_card', category: 'fraud_scam', amount: { min: 3000, max: 80000, step: 1 },
    text: '我的借记卡在{date}凌晨被异地盗刷了{amount}，当时我人在家里，卡一直在身边。收到短信提醒后我马上打电话挂失，并且到派出所报了案。到现在银行还没有给出调查结果，要求尽快退还被盗刷的资金。',
  },
  {
    key: 'zh-mortgage-lpr', language: 'zh', product: 'mortgage', category: 'billing_dispute', amount: { min: 300, max: 4000, step: 0.01 },
    text: '我的房贷是LPR浮动利率，今年一月重定价以后月供应该减少，但最近几个月的扣款仍然按原来的利率计算，累计多扣了{amount}利息。去网点询问，工作人员只说系统还没调整，让我等通知。请核实并退还多扣的利息。',
  },
  {
    key: 'zh-mortgage-release', language: 'zh', product: 'mortgage', category: 'delays',
    text: '我上个月已经结清了全部房贷，但银行迟迟不给出具结清证明，也不配合办理抵押注销。网点说至少要等一个月，可是买家在催着过户，已经影响到我卖房。请尽快出具结清证明并办理注销登记。',
  },
  {
    key: 'zh-loan-bundled-insurance', language: 'zh', product: 'personal_loan', category: 'product_mis_selling', amount: { min: 1500, max: 12000, step: 1 },
    text: '去年在网点办消费贷款的时候，客户经理说必须同时买一份{amount}的保险才能放款，我当时不了解就签了字。后来才知道这份保险根本不是必须的，属于捆绑销售。要求退保并退还全部保费。',
  },
  {
    key: 'zh-wm-elderly', language: 'zh', product: 'wealth_management', category: 'product_mis_selling', amount: { min: 50000, max: 500000, step: 1000 }, vulnerable: 1,
    text: '我今年七十二岁，网点理财经理向我推荐了一款说是“保本稳健”的理财产品，我投了{amount}，现在亏了将近百分之十五。风险测评是工作人员替我填的，我根本不知道这是高风险产品。要求银行承担责任，赔偿我的损失。',
  },
  {
    key: 'zh-app-login', language: 'zh', product: 'mobile_banking', category: 'account_access',
    text: '手机银行升级到新版本以后一直登录不上，输入密码后提示“系统繁忙，请稍后再试”，人脸识别也总是失败。我每个月要用手机银行还房贷，现在没办法转账。客服只会让我卸载重装，试了好几次都没有用。',
  },
  {
    key: 'zh-app-limit', language: 'zh', product: 'mobile_banking', category: 'service_quality',
    text: '手机银行的转账限额在没有任何通知的情况下被调低到每天五千元，我给装修公司付款时才发现，耽误了工期。打客服热线排队四十多分钟才接通，只说是风控调整，具体原因说不清楚。',
  },
  {
    key: 'zh-payment-overseas', language: 'zh', product: 'payments', category: 'delays', amount: { min: 1000, max: 30000, step: 100, currency: 'USD' },
    text: '{date}我通过网银向境外汇款{amount}，汇款状态一直显示“处理中”，已经过了十个工作日，对方还没有收到。银行既不退回也不说明原因，手续费倒是已经扣了。请尽快查明资金去向。',
  },
  {
    key: 'zh-account-frozen', language: 'zh', product: 'current_account', category: 'account_access',
    text: '我的账户突然被冻结，只能收不能付。网点说是“涉嫌电信诈骗风险”，要我提供各种证明材料。我已经按要求交了工资流水和劳动合同，两个星期过去了还是没有解冻，房租都交不上。请尽快解除限制。',
  },
  {
    key: 'zh-savings-queue', language: 'zh', product: 'savings', category: 'service_quality',
    text: '到网点办理定期存款转存，排了两个多小时的队，只开了一个窗口。工作人员态度冷淡，还一直劝我买理财产品，我明确拒绝以后还在不停推销。希望银行改进服务。',
  },
  {
    key: 'zh-insurance-deposit', language: 'zh', product: 'insurance', category: 'product_mis_selling', amount: { min: 5000, max: 30000, step: 1000 },
    text: '我母亲到银行存钱，工作人员说是“存款产品”，结果签的是一份十年期的分红保险，每年要交{amount}。她年纪大了看不清合同，现在想退保，却被告知只能拿回很少的现金价值。我们要求全额退还保费。',
  },
  {
    key: 'zh-cc-data-leak', language: 'zh', product: 'credit_card', category: 'data_privacy',
    text: '办了贵行的信用卡以后，我经常接到陌生的贷款推销电话，对方能准确说出我的姓名、卡号后四位和信用额度。我怀疑银行泄露了我的个人信息，要求调查清楚并给我书面答复。',
  },
  {
    key: 'zh-cc-collection', language: 'zh', product: 'credit_card', category: 'collection_practices',
    text: '我的信用卡逾期了两个月，催收人员每天打十几个电话，还打给我的同事和父母，说要上门催收，语气带有威胁。我已经在和银行协商分期还款，请立即停止这种骚扰式的催收。',
  },
  {
    key: 'zh-atm-no-cash', language: 'zh', product: 'debit_card', category: 'atm_cash', amount: { min: 500, max: 5000, step: 100 },
    text: '{date}我在贵行的ATM取款{amount}，机器显示交易成功，但是没有出钞，账户里的钱已经扣了。我当场拨打了机器上的服务电话，到现在一个星期了还没有处理结果。',
  },
  {
    key: 'zh-account-fee', language: 'zh', product: 'current_account', category: 'fees_charges', amount: { min: 9, max: 60, step: 1 }, vulnerable: 0.2,
    text: '我的账户因为日均余额不足被收取小额账户管理费，每个季度扣{amount}。开户时没有任何人告诉我有这项收费，而且我是退休人员，按规定应该可以免收。请退还已经扣的费用。',
  },
  {
    key: 'zh-payment-scam', language: 'zh', product: 'payments', category: 'fraud_scam', amount: { min: 20000, max: 300000, step: 100 }, vulnerable: 0.3,
    text: '我接到一个自称公安局的电话，说我的账户涉嫌洗钱，要把钱转到“安全账户”，我就用手机银行转了{amount}。事后才发现被骗，马上联系银行要求止付，但银行处理得太慢，钱已经被转走了。转账时也没有任何风险提示。',
  },
  {
    key: 'zh-loan-prepayment', language: 'zh', product: 'personal_loan', category: 'fees_charges', amount: { min: 800, max: 6000, step: 0.01 },
    text: '我提前还清了消费贷款，银行却收了{amount}的违约金。合同里没有写明提前还款要收这么高的费用，办贷款时客户经理也说可以随时提前还款。要求退还违约金。',
  },
  {
    key: 'zh-mortgage-hardship', language: 'zh', product: 'mortgage', category: 'service_quality', vulnerable: 0.4,
    text: '我因为失业申请房贷延期还款，已经提交了失业证明，但客户经理一直拖着不处理，电话不接，信息也不回。眼看下个月就要逾期了，请给我一个明确的答复。',
  },
  {
    key: 'zh-wm-maturity', language: 'zh', product: 'wealth_management', category: 'delays', amount: { min: 20000, max: 200000, step: 1000 },
    text: '我购买的理财产品到期已经五个工作日了，本金{amount}和收益还没有到账，APP上一直显示“清算中”。银行没有任何通知，我急需这笔钱给孩子交学费。',
  },
  {
    key: 'zh-cc-blocked-abroad', language: 'zh', product: 'credit_card', category: 'account_access',
    text: '我在国外旅行时信用卡突然被锁，所有刷卡都失败了。打国际长途给客服等了很久，说是系统风控，要回国到网点才能解锁。整个行程非常不方便，希望银行改进这种做法。',
  },
  {
    key: 'zh-savings-cd-interest', language: 'zh', product: 'savings', category: 'interest_rates', amount: { min: 800, max: 8000, step: 0.01 },
    text: '我办理大额存单提前支取时，工作人员说只能按活期利率计息。可是购买时理财经理说过可以部分提前支取并保留原来的利率，这样算下来我少拿了{amount}利息。请核实当时的宣传材料并补足利息。',
  },
  {
    key: 'zh-app-permissions', language: 'zh', product: 'mobile_banking', category: 'data_privacy',
    text: '手机银行APP要求开启通讯录、位置、相册等和业务无关的权限，不授权就不能使用。这侵犯了我的个人隐私，我认为银行没有必要收集这些信息，请取消这些不合理的权限要求。',
  },
  {
    key: 'zh-insurance-claim', language: 'zh', product: 'insurance', category: 'delays', amount: { min: 3000, max: 40000, step: 1 },
    text: '我通过银行买的意外险，去年十一月住院后申请理赔，材料两个多月前就已经交齐了，理赔款{amount}一直没有到账。每次打电话都说还在审核，请给出明确的处理时间。',
  },
  // ----- English -----
  {
    key: 'en-cc-late-fee', language: 'en', product: 'credit_card', category: 'fees_charges', amount: { min: 12, max: 45, step: 1 },
    text: 'I was charged a late payment fee of {amount} on my credit card even though I paid the full balance two days before the due date. I have the payment confirmation from online banking. Please refund the fee and the interest charged on it.',
  },
  {
    key: 'en-dc-fraud', language: 'en', product: 'debit_card', category: 'fraud_scam', amount: { min: 400, max: 6000, step: 0.01 },
    text: 'On {date} several transactions totalling {amount} were taken from my debit card that I did not make. The card was in my wallet the whole time and I reported it as soon as I saw them, but the fraud team has refused my claim and says I must have shared my details. I did not.',
  },
  {
    key: 'en-remortgage-delay', language: 'en', product: 'mortgage', category: 'delays', amount: { min: 150, max: 900, step: 1 }, locales: ['gb', 'ie'],
    text: 'My remortgage application has been stuck in underwriting for seven weeks. My fixed rate ends this month and I will be moved onto the standard variable rate, which will cost me about {amount} a month more. Every time I call I am promised a call back that never comes.',
  },
  {
    key: 'en-account-blocked', language: 'en', product: 'current_account', category: 'account_access',
    text: 'My current account was blocked without any warning and I cannot get to my salary. The branch says it is a security review and cannot tell me how long it will take. I have rent and bills due this week and nobody will give me a straight answer.',
  },
  {
    key: 'en-app-fraud', language: 'en', product: 'payments', category: 'fraud_scam', amount: { min: 2000, max: 45000, step: 0.01 }, vulnerable: 0.3,
    text: "I was tricked into sending {amount} to someone pretending to be from the bank's fraud team. I reported it within an hour. The bank says I authorised the payment and will not refund me, but the warning in the app said nothing about this kind of scam.",
  },
  {
    key: 'en-ppi', language: 'en', product: 'personal_loan', category: 'product_mis_selling', amount: { min: 900, max: 4800, step: 0.01 }, locales: ['gb'],
    text: 'Payment protection insurance was added to my personal loan without ever being explained to me. I am self-employed and could never have claimed on it. I want the premiums of {amount} refunded with interest.',
  },
  {
    key: 'en-cc-chargeback', language: 'en', product: 'credit_card', category: 'billing_dispute', amount: { min: 60, max: 900, step: 0.01 },
    text: 'I cancelled my gym membership in writing in the summer but the merchant has kept charging my credit card. I raised a chargeback for {amount} and the bank closed it without telling me why or asking for the cancellation letter.',
  },
  {
    key: 'en-app-crash', language: 'en', product: 'mobile_banking', category: 'service_quality',
    text: 'Since the latest app update I cannot log in with Face ID and the app crashes every time I open the payments screen. I have reinstalled it three times. The chat assistant keeps sending me round in circles and there is no way to reach a person.',
  },
  {
    key: 'en-savings-rate-cut', language: 'en', product: 'savings', category: 'interest_rates',
    text: 'The interest rate on my easy access savings account was cut from 4.1% to 1.5% and I was never told. I only noticed on my annual statement. Customers who opened the same account later are on a much better rate.',
  },
  {
    key: 'en-wm-dementia', language: 'en', product: 'wealth_management', category: 'product_mis_selling', amount: { min: 20000, max: 250000, step: 1000 }, vulnerable: 1,
    text: 'I am 81 and was diagnosed with early dementia last year. An adviser at the branch persuaded me to move {amount} of my savings into an investment bond with a five-year lock-in. My family was not told, and the suitability report says I have a high tolerance for risk.',
  },
  {
    key: 'en-travel-claim', language: 'en', product: 'insurance', category: 'delays', amount: { min: 800, max: 9000, step: 0.01 },
    text: 'I made a claim on the travel insurance that comes with my packaged bank account for {amount} of medical costs three months ago. I have sent every document twice and I still have no decision.',
  },
  {
    key: 'en-overdraft-fee', language: 'en', product: 'current_account', category: 'fees_charges', amount: { min: 15, max: 35, step: 1 },
    text: 'I was charged an unarranged overdraft fee of {amount} because a direct debit was taken a day early. The bank has refused to refund it even though the early collection was not my fault.',
  },
  {
    key: 'en-intl-transfer', language: 'en', product: 'payments', category: 'delays', amount: { min: 3000, max: 25000, step: 1 },
    text: "An international transfer of {amount} to my daughter's university has not arrived after twelve working days. The bank cannot tell me where the money is and the tuition deadline has now passed.",
  },
  {
    key: 'en-letter-wrong-address', language: 'en', product: 'current_account', category: 'data_privacy',
    text: 'A letter with my account number and full statement was sent to my previous address, although I updated my address in the app six months ago. The new occupants opened it. I want to know how this happened and what you are doing to protect my account.',
  },
  {
    key: 'en-atm', language: 'en', product: 'debit_card', category: 'atm_cash', amount: { min: 50, max: 500, step: 10 },
    text: 'On {date} the cash machine at the {branch} branch did not dispense {amount} but my account was debited. I reported it straight away and was told the machine balanced, which cannot be right.',
  },
  {
    key: 'en-mortgage-arrears', language: 'en', product: 'mortgage', category: 'billing_dispute', amount: { min: 600, max: 4000, step: 0.01 },
    text: 'My mortgage statement shows arrears of {amount} that I do not owe. Every payment has been collected on time by direct debit. The arrears have been reported to the credit reference agencies and my credit score has dropped.',
  },
  {
    key: 'en-collections-bereaved', language: 'en', product: 'credit_card', category: 'collection_practices', vulnerable: 1,
    text: "After I told the bank that I was struggling financially following my husband's death, the collections team still rang me several times a day and sent threatening letters. I asked for breathing space and was ignored.",
  },
  {
    key: 'en-app-reregister', language: 'en', product: 'mobile_banking', category: 'account_access',
    text: 'I changed my phone and now cannot register the app again because the one-time passcode goes to my old number. The branch says it has to be done over the phone, and the phone line says I must go into a branch.',
  },
  {
    key: 'en-isa-transfer', language: 'en', product: 'savings', category: 'delays', locales: ['gb'],
    text: 'I asked on {date} to transfer my cash ISA to another provider. Four weeks later the transfer has still not happened and I am losing interest every day it sits here.',
  },
  {
    key: 'en-loan-rude', language: 'en', product: 'personal_loan', category: 'service_quality',
    text: 'I was turned down for a loan and when I asked why, the adviser was dismissive and told me to look at my spending. I have banked here for fifteen years and expected to be treated with more respect.',
  },
  {
    key: 'en-home-insurance', language: 'en', product: 'insurance', category: 'fees_charges', amount: { min: 400, max: 1800, step: 0.01 },
    text: "My home insurance renewed automatically at {amount}, almost double last year's premium, and I was not sent a renewal notice. I only found out when the payment left my account.",
  },
  {
    key: 'en-power-of-attorney', language: 'en', product: 'current_account', category: 'service_quality', vulnerable: 0.5,
    text: 'I have been trying to register a power of attorney for my mother for two months. Each branch visit ends with being told a document is missing, a different one each time, and meanwhile her bills are going unpaid.',
  },
  {
    key: 'en-platform-fee', language: 'en', product: 'wealth_management', category: 'fees_charges', amount: { min: 150, max: 2500, step: 0.01 },
    text: 'The platform fee on my investment account went up without any notice and I was charged {amount} this quarter. The fee schedule on your website still shows the old rate.',
  },
  {
    key: 'en-payment-twice', language: 'en', product: 'payments', category: 'billing_dispute', amount: { min: 20, max: 2000, step: 0.01 },
    text: 'A payment of {amount} I made on {date} was taken from my account twice. The payee returned the second payment to the bank, but it has never been credited back to me.',
  },
];

const ZH_MERCHANTS = ['永辉超市', '京东商城', '海底捞', '携程旅行', '苏宁易购', '盒马鲜生', '万达影城', '中国石化加油站'];
const EN_BRANCH_NAMES = ['Market Street', 'Oxford Road', 'Queen Street', 'Deansgate', 'Union Square', 'College Green'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const ZH_CURRENCY_SUFFIX: Record<string, string> = { CNY: '元', USD: '美元', GBP: '英镑', EUR: '欧元' };
const EN_CURRENCY_PREFIX: Record<string, string> = { GBP: '£', USD: '$', EUR: '€' };

function groupThousands(digits: string): string {
  const [whole, fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export function formatMoney(amount: number, currency: string, language: Language): string {
  const digits = groupThousands(Number.isInteger(amount) ? String(amount) : amount.toFixed(2));
  if (language === 'zh') return `${digits}${ZH_CURRENCY_SUFFIX[currency] ?? ` ${currency}`}`;
  const symbol = EN_CURRENCY_PREFIX[currency];
  return symbol ? `${symbol}${digits}` : `${currency} ${digits}`;
}

function drawAmount(rng: Rng, spec: AmountSpec): number {
  const raw = spec.min + rng.float() * (spec.max - spec.min);
  const stepped = Math.max(spec.step, Math.round(raw / spec.step) * spec.step);
  return Math.round(stepped * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------------

/** When each channel is staffed or used, in the customer's local time; letters and referrals arrive on working days. */
const CHANNEL_HOURS: Record<Channel, { from: number; to: number; days: 'all' | 'mon-sat' | 'mon-fri' }> = {
  phone: { from: 8, to: 21, days: 'all' },
  web: { from: 7, to: 24, days: 'all' },
  mobile_app: { from: 7, to: 24, days: 'all' },
  branch: { from: 9, to: 17, days: 'mon-sat' },
  email: { from: 6, to: 24, days: 'all' },
  letter: { from: 9, to: 12, days: 'mon-fri' },
  social_media: { from: 8, to: 24, days: 'all' },
  regulator_referral: { from: 9, to: 18, days: 'mon-fri' },
};

/** Moves an instant back to the channel's last open day (local time), keeping the time of day. */
function backToOpenDay(ms: number, channel: Channel, offsetMinutes: number): number {
  const rule = CHANNEL_HOURS[channel].days;
  const dow = new Date(ms + offsetMinutes * MINUTE).getUTCDay();
  if (rule === 'mon-fri' && dow === 6) return ms - DAY;
  if (rule === 'mon-fri' && dow === 0) return ms - 2 * DAY;
  if (rule === 'mon-sat' && dow === 0) return ms - DAY;
  return ms;
}

/** The same local day at a time within the channel's hours (u1, u2 in [0, 1) pick the minute and second). */
function intoChannelHours(ms: number, channel: Channel, offsetMinutes: number, u1: number, u2: number): number {
  const { from, to } = CHANNEL_HOURS[channel];
  const local = new Date(ms + offsetMinutes * MINUTE);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const minute = from * 60 + Math.floor(u1 * (to - from) * 60);
  const localMs = midnight + minute * MINUTE + Math.floor(u2 * 60) * 1000;
  return backToOpenDay(localMs - offsetMinutes * MINUTE, channel, offsetMinutes);
}

function notAfter(ms: number, latest: number, channel: Channel, offsetMinutes: number): number {
  let t = ms;
  while (t > latest) t = backToOpenDay(t - DAY, channel, offsetMinutes);
  return t;
}

/** ISO 8601 with the given offset, e.g. 2026-11-28T09:30:00+08:00 (Z for UTC). */
export function formatTimestamp(ms: number, offsetMinutes: number): string {
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * MINUTE).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function localDate(ms: number, offsetMinutes: number): Date {
  return new Date(ms + offsetMinutes * MINUTE);
}

function formatLocalDay(ms: number, offsetMinutes: number): string {
  return localDate(ms, offsetMinutes).toISOString().slice(0, 10);
}

function spokenDate(ms: number, offsetMinutes: number, language: Language): string {
  const d = localDate(ms, offsetMinutes);
  return language === 'zh' ? `${d.getUTCMonth() + 1}月${d.getUTCDate()}日` : `${d.getUTCDate()} ${EN_MONTHS[d.getUTCMonth()]}`;
}

// ---------------------------------------------------------------------------------------------
// Channel details
// ---------------------------------------------------------------------------------------------

const CHANNEL_WEIGHTS: ReadonlyArray<readonly [Channel, number]> = [
  ['phone', 20],
  ['web', 17],
  ['mobile_app', 17],
  ['branch', 12],
  ['email', 10],
  ['letter', 7],
  ['social_media', 8],
  ['regulator_referral', 9],
];

/** Channels a frustrated customer uses to chase up (available any day, so always after the first complaint). */
const RESUBMISSION_CHANNELS: readonly Channel[] = ['phone', 'web', 'mobile_app', 'email', 'social_media'];

const BRANCHES: Record<Locale, readonly string[]> = {
  cn: ['SH-PD-012', 'SH-XH-003', 'BJ-CY-007', 'BJ-HD-002', 'GZ-TH-005', 'SZ-FT-009', 'HZ-XH-004', 'CD-WH-006'],
  gb: ['LDN-CTY-01', 'MAN-DGT-02', 'EDI-PRS-01', 'BHM-NST-03'],
  us: ['NYC-5AV-01', 'CHI-LSL-02', 'SFO-MKT-01'],
  ie: ['DUB-GRF-01', 'COR-PAT-01'],
};

const EMAIL_SUBJECTS: Record<string, { zh: string; en: string }> = {
  fees_charges: { zh: '关于乱收费的投诉', en: 'Complaint about charges' },
  billing_dispute: { zh: '扣款有误，请核实', en: 'Incorrect charge on my account' },
  fraud_scam: { zh: '紧急：账户资金被盗', en: 'URGENT: money taken from my account' },
  service_quality: { zh: '对服务的投诉', en: 'Complaint about your service' },
  account_access: { zh: '无法正常使用账户', en: 'I cannot access my account' },
  product_mis_selling: { zh: '关于误导销售的投诉', en: 'Mis-sold product' },
  delays: { zh: '处理拖延，请尽快回复', en: 'Still waiting - please respond' },
  data_privacy: { zh: '个人信息保护问题', en: 'My personal data' },
  collection_practices: { zh: '投诉催收骚扰', en: 'Harassment by your collections team' },
  atm_cash: { zh: 'ATM取款未出钞', en: 'Cash machine did not pay out' },
  interest_rates: { zh: '利息计算有误', en: 'Interest rate change' },
};

function regulatorFor(locale: Locale, rng: Rng, receivedAt: number): { regulator: string; regulatorReference: string } {
  const year = new Date(receivedAt).getUTCFullYear();
  switch (locale) {
    case 'cn':
      return rng.chance(0.7)
        ? { regulator: 'NFRA', regulatorReference: `NFRA-${rng.pick(['SH', 'BJ', 'GD', 'ZJ', 'SC'])}-${year}-${rng.digits(5)}` }
        : { regulator: 'PBOC', regulatorReference: `PBOC-12363-${year}${rng.digits(6)}` };
    case 'gb':
      return rng.chance(0.8)
        ? { regulator: 'FOS', regulatorReference: `PNX-${rng.digits(7)}-${rng.alnum(4).toUpperCase()}` }
        : { regulator: 'FCA', regulatorReference: `FCA-${year}-${rng.digits(6)}` };
    case 'us':
      return { regulator: 'CFPB', regulatorReference: `${String(year).slice(2)}${rng.digits(4)}-${rng.digits(8)}` };
    case 'ie':
      return { regulator: 'FSPO', regulatorReference: `FSPO-${year}-${rng.digits(5)}` };
  }
}

function channelDetails(
  channel: Channel,
  rng: Rng,
  customer: DemoCustomer,
  category: string,
  receivedAt: number,
  resubmission: boolean,
): Partial<CreateComplaintDto> {
  const offset = LOCALES[customer.locale].offsetMinutes;
  const day = formatLocalDay(receivedAt, offset);
  const language = customer.record.preferredLanguage;
  switch (channel) {
    case 'phone': {
      const call = rng.digits(4);
      const phone: NonNullable<CreateComplaintDto['phone']> = { callId: `CALL-${day.replace(/-/g, '')}-${call}`, agentId: `agent-${rng.int(100, 399)}` };
      if (rng.chance(0.7)) phone.recordingRef = `rec://${day.replace(/-/g, '/')}/${call}`;
      return { phone };
    }
    case 'web':
      return { web: { submissionId: `WF-${rng.digits(6)}`, authenticated: rng.chance(0.6) } };
    case 'mobile_app': {
      const platform =
        customer.locale === 'cn'
          ? rng.weighted([['android', 45], ['ios', 40], ['harmonyos', 15]] as const)
          : rng.weighted([['ios', 55], ['android', 45]] as const);
      const mobileApp: NonNullable<CreateComplaintDto['mobileApp']> = {
        platform,
        appVersion: rng.pick(['7.4.1', '7.4.0', '7.3.2', '7.2.0', '6.9.8']),
      };
      if (rng.chance(0.7)) mobileApp.sessionId = `sess-${rng.hex(8)}`;
      return { mobileApp };
    }
    case 'branch':
      return { branch: { branchCode: rng.pick(BRANCHES[customer.locale]), takenBy: `staff-${rng.int(1000, 3999)}` } };
    case 'email': {
      const sender = customer.record.email ?? `${customer.handle}@example.com`;
      const subject = EMAIL_SUBJECTS[category]?.[language] ?? (language === 'zh' ? '投诉' : 'Complaint');
      return {
        email: {
          senderAddress: sender,
          messageId: `<${rng.hex(12)}.${rng.digits(6)}@${sender.split('@')[1]}>`,
          subject: resubmission ? (language === 'zh' ? `再次投诉：${subject}` : `Re: ${subject}`) : subject,
        },
      };
    }
    case 'letter': {
      const written = receivedAt - rng.int(2, 6) * DAY;
      return { letter: { letterDate: formatLocalDay(written, offset), scannedDocumentRef: `DMS-${day.slice(0, 7)}-${rng.digits(6)}` } };
    }
    case 'social_media': {
      if (customer.locale === 'cn') {
        return rng.chance(0.7)
          ? {
              socialMedia: {
                platform: 'weibo',
                handle: `@${customer.handle.replace('.', '_')}${rng.int(1, 999)}`,
                postUrl: `https://weibo.com/${rng.int(1, 9)}${rng.digits(9)}/${rng.alnum(9)}`,
                public: true,
              },
            }
          : {
              socialMedia: {
                platform: 'xiaohongshu',
                handle: `@${customer.handle.replace('.', '')}${rng.int(10, 99)}`,
                postUrl: `https://www.xiaohongshu.com/explore/${rng.hex(24)}`,
                public: true,
              },
            };
      }
      const handle = `${customer.handle.replace('.', '_')}${rng.int(1, 99)}`;
      const platform = rng.weighted([['x', 55], ['facebook', 30], ['trustpilot', 15]] as const);
      const postUrl =
        platform === 'x'
          ? `https://x.com/${handle}/status/1${rng.digits(18)}`
          : platform === 'facebook'
            ? `https://www.facebook.com/${handle}/posts/${rng.int(1, 9)}${rng.digits(15)}`
            : `https://www.trustpilot.com/reviews/${rng.hex(24)}`;
      return { socialMedia: { platform, handle: `@${handle}`, postUrl, public: platform !== 'facebook' || rng.chance(0.6) } };
    }
    case 'regulator_referral': {
      const forwarded = receivedAt - rng.int(60, 3 * 24 * 60) * MINUTE;
      return { regulatorReferral: { ...regulatorFor(customer.locale, rng, receivedAt), forwardedAt: formatTimestamp(forwarded, offset) } };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Resubmissions: the same complaint again, lightly reworded, through another channel
// ---------------------------------------------------------------------------------------------

const ZH_CHANNEL_NAMES: Record<Channel, string> = {
  phone: '客服电话', web: '官网', mobile_app: '手机银行', branch: '网点', email: '邮件', letter: '信件', social_media: '微博', regulator_referral: '监管部门',
};
const EN_CHANNEL_NAMES: Record<Channel, string> = {
  phone: 'by phone', web: 'through your website', mobile_app: 'in the app', branch: 'in branch', email: 'by email', letter: 'by letter',
  social_media: 'on social media', regulator_referral: 'through the regulator',
};
const ZH_NUMBERS = ['零', '一', '两', '三', '四', '五', '六', '七'];
const EN_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven'];

function zhAgo(days: number): string {
  return days <= 1 ? '昨天' : days === 2 ? '前天' : days < 7 ? `${ZH_NUMBERS[days]}天前` : '上周';
}

function enAgo(days: number): string {
  return days <= 1 ? 'yesterday' : days < 7 ? `${EN_NUMBERS[days]} days ago` : 'last week';
}

const ZH_SWAPS: ReadonlyArray<readonly [string, string]> = [['到现在', '至今'], ['要求', '希望'], ['请尽快', '麻烦尽快'], ['马上', '立刻'], ['一直', '始终']];
const EN_SWAPS: ReadonlyArray<readonly [string, string]> = [['Please', 'Can you please'], ['I want', 'I would like'], ['nobody', 'no one'], ['straight away', 'immediately'], ['has refused', 'refused']];

export function rewordForResubmission(text: string, language: Language, previous: Channel, daysLater: number, rng: Rng): string {
  const swaps = language === 'zh' ? ZH_SWAPS : EN_SWAPS;
  let body = text;
  for (const [from, to] of swaps) if (rng.chance(0.5)) body = body.replace(from, to);
  let full: string;
  if (language === 'zh') {
    const prev = ZH_CHANNEL_NAMES[previous];
    const ago = zhAgo(daysLater);
    const prefix = rng.pick([`我${ago}已经通过${prev}反映过这个问题，到现在没有任何答复，再投诉一次：`, `第二次投诉！${ago}在${prev}提交过，一直没人处理。`, `上次通过${prev}投诉后石沉大海，再次反映：`]);
    const suffix = rng.pick(['', '请尽快给我答复！', '如果再不处理，我将向监管部门投诉。']);
    full = `${prefix}${body}${suffix}`;
  } else {
    const prev = EN_CHANNEL_NAMES[previous];
    const ago = enAgo(daysLater);
    const prefix = rng.pick([
      `I already complained about this ${prev} ${ago} and have heard nothing back. `,
      `Second complaint: I reported this ${prev} ${ago} and nobody has replied. `,
      `Following up on my complaint ${prev} ${ago}. `,
    ]);
    const suffix = rng.pick(['', ' This is not good enough.', ' If this is not resolved I will take it to the ombudsman.']);
    full = `${prefix}${body}${suffix}`;
  }
  // Keep it recognisably the same complaint (the intake's duplicate threshold is 0.5).
  return descriptionSimilarity(text, full) >= 0.6 ? full : `${language === 'zh' ? '再次投诉：' : 'Second complaint: '}${text}`;
}

// ---------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------

export interface DemoOptions {
  count: number;
  /** No complaint is received after this instant. */
  now: Date;
  seed?: number;
  /** Spread over this many days before now. */
  days?: number;
}

export interface DemoComplaint {
  body: CreateComplaintDto;
  /** For a resubmission: the externalRef of the complaint it repeats. */
  resubmissionOf?: string;
}

interface Generated {
  index: number;
  body: CreateComplaintDto;
  customer: DemoCustomer;
  template: DemoTemplate;
  receivedMs: number;
  occurredMs?: number;
  amount?: { amount: number; currency: string };
  resubmissionOf?: number;
}

const REPEAT_POOL = 25;
const RESUBMISSION_RATE = 0.05;
const REPEAT_RATE = 0.2;
const BASE_VULNERABLE_RATE = 0.04;

export function demoExternalRef(index: number): string {
  return `demo-${String(index + 1).padStart(6, '0')}`;
}

function repeatCustomer(seed: number, k: number): DemoCustomer {
  const rng = new Rng(fnv1a(seed, 'repeat-customer', k));
  const locale = rng.weighted(LOCALE_WEIGHTS);
  return makeCustomer(`DEMO-C-9${String(k).padStart(5, '0')}`, locale, rng.chance(0.12), rng);
}

function templatesFor(customer: DemoCustomer): DemoTemplate[] {
  return DEMO_TEMPLATES.filter(
    (t) =>
      t.language === customer.record.preferredLanguage &&
      (!t.locales || t.locales.includes(customer.locale)) &&
      (t.vulnerable !== 1 || customer.record.vulnerable === true),
  );
}

export function generateDemoComplaints(options: DemoOptions): DemoComplaint[] {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const days = options.days ?? DEFAULT_DEMO_DAYS;
  const count = options.count;
  const nowMs = options.now.getTime();
  const start = nowMs - days * DAY;
  const pool = new Map<number, DemoCustomer>();
  const generated: Generated[] = [];

  for (let i = 0; i < count; i++) {
    const rng = new Rng(fnv1a(seed, 'item', i));
    // Fixed draws first, so every item consumes its stream the same way whatever the branch.
    const uTime = rng.float();
    const uHour = rng.float();
    const uSecond = rng.float();
    const uLatest = rng.float();
    const kindRoll = rng.float();
    const latest = nowMs - (2 + Math.floor(uLatest * 58)) * MINUTE;

    if (kindRoll < RESUBMISSION_RATE && i > 0) {
      let original = generated[i - 1 - rng.int(0, Math.min(i - 1, 15))];
      if (original.resubmissionOf !== undefined) original = generated[original.resubmissionOf];
      const previous = original.body.channel;
      const channel = rng.pick(RESUBMISSION_CHANNELS.filter((c) => c !== previous));
      const offset = LOCALES[original.customer.locale].offsetMinutes;
      const gapDays = rng.int(1, 6);
      let receivedMs = intoChannelHours(original.receivedMs + gapDays * DAY, channel, offset, uHour, uSecond);
      if (receivedMs > latest) receivedMs = Math.min(latest, original.receivedMs + (latest - original.receivedMs) / 2);
      if (receivedMs <= original.receivedMs) receivedMs = original.receivedMs + MINUTE;
      const language = original.customer.record.preferredLanguage;
      const description = rewordForResubmission(original.body.description, language, previous, gapDays, rng);
      const body = buildBody(i, channel, original.customer, original.template, description, receivedMs, original.occurredMs, original.amount, rng, true);
      generated.push({ ...original, index: i, body, receivedMs, resubmissionOf: original.index });
      continue;
    }

    let customer: DemoCustomer;
    let template: DemoTemplate;
    if (kindRoll < RESUBMISSION_RATE + REPEAT_RATE) {
      const k = rng.int(0, REPEAT_POOL - 1);
      customer = pool.get(k) ?? repeatCustomer(seed, k);
      pool.set(k, customer);
      // A repeat customer complains about something else each time (a repeat of the same thing is a resubmission).
      const used = new Set(generated.filter((g) => g.customer.record.id === customer.record.id).map((g) => g.template.key));
      const candidates = templatesFor(customer);
      const fresh = candidates.filter((t) => !used.has(t.key));
      template = rng.pick(fresh.length ? fresh : candidates);
    } else {
      const locale = rng.weighted(LOCALE_WEIGHTS);
      const language = LOCALES[locale].language;
      template = rng.pick(DEMO_TEMPLATES.filter((t) => t.language === language && (!t.locales || t.locales.includes(locale))));
      const vulnerable = rng.chance(template.vulnerable ?? BASE_VULNERABLE_RATE);
      customer = makeCustomer(`DEMO-C-${String(i + 1).padStart(6, '0')}`, locale, vulnerable, rng);
    }

    const channel = rng.weighted(CHANNEL_WEIGHTS);
    const offset = LOCALES[customer.locale].offsetMinutes;
    const base = start + ((i + uTime) / count) * (nowMs - start);
    const receivedMs = notAfter(intoChannelHours(base, channel, offset, uHour, uSecond), latest, channel, offset);

    const needsDate = template.text.includes('{date}');
    const occurredMs = needsDate || rng.chance(0.35) ? receivedMs - rng.int(needsDate ? 24 * 60 : 30, 20 * 24 * 60) * MINUTE : undefined;
    const amount = template.amount
      ? { amount: drawAmount(rng, template.amount), currency: template.amount.currency ?? LOCALES[customer.locale].currency }
      : undefined;
    const language = customer.record.preferredLanguage;
    const description = template.text
      .replace('{amount}', amount ? formatMoney(amount.amount, amount.currency, language) : '')
      .replace('{date}', occurredMs !== undefined ? spokenDate(occurredMs, offset, language) : '')
      .replace('{merchant}', rng.pick(ZH_MERCHANTS))
      .replace('{branch}', rng.pick(EN_BRANCH_NAMES));
    const body = buildBody(i, channel, customer, template, description, receivedMs, occurredMs, amount, rng, false);
    generated.push({ index: i, body, customer, template, receivedMs, occurredMs, amount });
  }

  return generated
    .slice()
    .sort((a, b) => a.receivedMs - b.receivedMs || a.index - b.index)
    .map((g) => ({
      body: g.body,
      ...(g.resubmissionOf !== undefined ? { resubmissionOf: demoExternalRef(g.resubmissionOf) } : {}),
    }));
}

function buildBody(
  index: number,
  channel: Channel,
  customer: DemoCustomer,
  template: DemoTemplate,
  description: string,
  receivedMs: number,
  occurredMs: number | undefined,
  amount: { amount: number; currency: string } | undefined,
  rng: Rng,
  resubmission: boolean,
): CreateComplaintDto {
  const offset = LOCALES[customer.locale].offsetMinutes;
  const body: CreateComplaintDto = {
    channel,
    customer: { ...customer.record },
    description,
    product: template.product,
    category: template.category,
    receivedAt: formatTimestamp(receivedMs, offset),
    externalRef: demoExternalRef(index),
    ...channelDetails(channel, rng, customer, template.category, receivedMs, resubmission),
  };
  if (amount) body.disputedAmount = { ...amount };
  if (occurredMs !== undefined) body.occurredAt = formatTimestamp(occurredMs, offset);
  return body;
}
