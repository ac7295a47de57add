import type { CostLine } from "../../contract/model";
import { Decimal, ONE, sum } from "../../engine/decimal";
import { LAST_ACTUAL_MONTH, MONTHS, monthIndex } from "./calendar";
import { SeededRandom } from "./random";

/** Monthly weights, January to December; a line's yearly amount is spread in these proportions. */
const weights = (...values: number[]): Decimal[] => values.map((v) => new Decimal(v));
const PROFILES = {
  flat: weights(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
  /** Bonuses paid in March, merit increases from April, holiday pay in December. */
  payroll: weights(100, 100, 106, 102, 102, 102, 102, 102, 102, 102, 102, 104),
  /** Social security ceilings are reached late in the year. */
  payrollTaxes: weights(112, 108, 106, 100, 98, 97, 96, 96, 96, 96, 96, 96),
  project: weights(80, 90, 100, 105, 110, 110, 105, 100, 110, 115, 100, 75),
  yearEnd: weights(70, 80, 90, 90, 95, 100, 90, 95, 110, 120, 130, 130),
  /** Support contracts renewed in January and July. */
  renewals: weights(160, 80, 80, 80, 80, 80, 160, 80, 80, 80, 80, 80),
  /** Cooling draws more power in summer. */
  summer: weights(92, 90, 94, 98, 104, 112, 118, 118, 108, 100, 94, 92),
  /** Conferences and training in spring and autumn. */
  events: weights(60, 90, 130, 120, 100, 60, 50, 70, 130, 130, 110, 50),
  /** Consumption grows about 1.5% a month. */
  growing: Array.from({ length: 12 }, (_, m) => new Decimal("1.015").pow(m)),
} as const;
type Profile = keyof typeof PROFILES;

interface CostSpec {
  pool: string;
  account: string;
  tower?: string;
  service?: string;
  consumer?: string;
  description: string;
  /** FY2026 budget. */
  annual: string;
  profile: Profile;
  /** Budget growth from FY2026 to FY2027. */
  growth: string;
  /** How far spending runs above (or below) budget. */
  drift: string;
}

/** The budget lines of the demo model, about 58 million a year. */
const COST_SPECS: readonly CostSpec[] = [
  {
    pool: "Internal Labor",
    account: "6100 Salaries & Wages",
    description: "IT staff salaries",
    annual: "17400000",
    profile: "payroll",
    growth: "0.035",
    drift: "-0.01",
  },
  {
    pool: "Internal Labor",
    account: "6110 Benefits & Payroll Taxes",
    description: "IT staff benefits and payroll taxes",
    annual: "4350000",
    profile: "payrollTaxes",
    growth: "0.04",
    drift: "0.005",
  },
  {
    pool: "Staff Augmentation",
    account: "6150 Contractors",
    description: "Contract developers and engineers",
    annual: "3600000",
    profile: "project",
    growth: "0",
    drift: "0.07",
  },
  {
    pool: "Consulting",
    account: "6210 Consulting Fees",
    description: "Advisory and implementation partners",
    annual: "2400000",
    profile: "yearEnd",
    growth: "-0.05",
    drift: "-0.08",
  },
  {
    pool: "Managed Services",
    account: "6220 Managed Services",
    tower: "End User",
    service: "Service Desk",
    description: "Outsourced first-level service desk",
    annual: "1800000",
    profile: "flat",
    growth: "0.02",
    drift: "0",
  },
  {
    pool: "Managed Services",
    account: "6220 Managed Services",
    tower: "Network",
    description: "Managed WAN and SD-WAN",
    annual: "1200000",
    profile: "flat",
    growth: "0.02",
    drift: "0.01",
  },
  {
    pool: "Cloud Services",
    account: "6350 Cloud Services",
    description: "Public cloud invoices (IaaS and PaaS)",
    annual: "4800000",
    profile: "growing",
    growth: "0.18",
    drift: "0.09",
  },
  {
    pool: "Depreciation & Amortization",
    account: "6510 Depreciation - Hardware",
    description: "Server, storage and network depreciation",
    annual: "4200000",
    profile: "flat",
    growth: "-0.06",
    drift: "0",
  },
  {
    pool: "Depreciation & Amortization",
    account: "6510 Depreciation - Hardware",
    tower: "End User",
    service: "Workplace Devices",
    description: "Laptop and desktop depreciation",
    annual: "1200000",
    profile: "flat",
    growth: "0.02",
    drift: "0",
  },
  {
    pool: "Hardware Maintenance & Support",
    account: "6340 Hardware Maintenance",
    description: "Hardware support contracts",
    annual: "1200000",
    profile: "renewals",
    growth: "-0.04",
    drift: "0.02",
  },
  {
    pool: "Hardware Expense",
    account: "6370 Hardware Expense",
    description: "Peripherals and equipment below the capitalisation threshold",
    annual: "900000",
    profile: "yearEnd",
    growth: "0",
    drift: "-0.03",
  },
  {
    pool: "Licensing",
    account: "6310 Software Licenses",
    description: "Enterprise software licences",
    annual: "3600000",
    profile: "renewals",
    growth: "0.05",
    drift: "0.03",
  },
  {
    pool: "Software Maintenance & Support",
    account: "6320 Software Maintenance",
    description: "Software vendor maintenance and support",
    annual: "2400000",
    profile: "flat",
    growth: "0.04",
    drift: "0",
  },
  {
    pool: "SaaS",
    account: "6330 SaaS Subscriptions",
    tower: "End User",
    service: "Collaboration",
    description: "Collaboration suite subscriptions",
    annual: "1500000",
    profile: "flat",
    growth: "0.06",
    drift: "0.02",
  },
  {
    pool: "SaaS",
    account: "6330 SaaS Subscriptions",
    tower: "Application",
    service: "Business Applications",
    consumer: "Sales",
    description: "CRM subscriptions for the sales force",
    annual: "900000",
    profile: "flat",
    growth: "0.08",
    drift: "0.04",
  },
  {
    pool: "SaaS",
    account: "6330 SaaS Subscriptions",
    description: "Other SaaS subscriptions",
    annual: "600000",
    profile: "flat",
    growth: "0.1",
    drift: "0.05",
  },
  {
    pool: "Data Center Facilities",
    account: "6410 Data Center Rent & Power",
    tower: "Data Center",
    description: "Colocation rent and power",
    annual: "2400000",
    profile: "summer",
    growth: "0.03",
    drift: "0.02",
  },
  {
    pool: "Telecom",
    account: "6360 Telecommunications",
    description: "Carrier circuits and mobile plans",
    annual: "1800000",
    profile: "flat",
    growth: "-0.02",
    drift: "-0.01",
  },
  {
    pool: "Misc Costs",
    account: "6910 Travel & Training",
    description: "IT travel and training",
    annual: "600000",
    profile: "events",
    growth: "0",
    drift: "-0.12",
  },
  {
    pool: "Cross Charges",
    account: "6920 Internal Cross Charges",
    description: "Corporate shared services (office space, HR, finance)",
    annual: "900000",
    profile: "flat",
    growth: "0.03",
    drift: "0",
  },
];

/** Options of one build of the cost lines. */
export interface CostOptions {
  /** 0 for the first forecast; a later revision re-forecasts the open months. */
  readonly forecastRevision: number;
}

/** The budget of a spec for a month: its yearly amount in the month's share of the profile, grown by year. */
function budgetOf(spec: CostSpec, month: string): Decimal {
  const profile = PROFILES[spec.profile];
  const { ofYear, yearsSinceStart } = monthIndex(month);
  const yearly = new Decimal(spec.annual).times(ONE.plus(spec.growth).pow(yearsSinceStart));
  return yearly.times(profile[ofYear]).div(sum(profile));
}

const cents = (x: Decimal): string => x.toFixed(2);

function line(spec: CostSpec, month: string, scenario: string, amount: string): CostLine {
  const { pool, account, tower, service, consumer, description } = spec;
  return {
    pool,
    account,
    ...(tower && { tower }),
    ...(service && { service }),
    ...(consumer && { consumer }),
    period: month,
    scenario,
    amount,
    description,
  };
}

/**
 * Budget for both years; Actual up to the last closed month (budget × drift, ±3% a month); Forecast
 * equal to Actual for closed months and the budget × most of the drift (±1%) for open ones.
 */
export function costLines(options: CostOptions): CostLine[] {
  const actualNoise = new SeededRandom(20260101);
  const forecastNoise = new SeededRandom(20261101 + options.forecastRevision);
  const forecastDrift = new Decimal("0.9").plus(new Decimal(options.forecastRevision).div(10));
  const lines: CostLine[] = [];
  for (const spec of COST_SPECS) {
    for (const month of MONTHS) {
      const budget = budgetOf(spec, month);
      lines.push(line(spec, month, "Budget", cents(budget)));
      if (month <= LAST_ACTUAL_MONTH) {
        const actual = cents(budget.times(ONE.plus(spec.drift)).times(actualNoise.factor(300)));
        lines.push(line(spec, month, "Actual", actual), line(spec, month, "Forecast", actual));
      } else {
        const drift = ONE.plus(new Decimal(spec.drift).times(forecastDrift));
        lines.push(
          line(spec, month, "Forecast", cents(budget.times(drift).times(forecastNoise.factor(100)))),
        );
      }
    }
  }
  return lines;
}

/** Sub-pools that carry cost lines not already attributed to a tower: each needs a pool-to-tower rule. */
export const POOLS_WITH_COST = [...new Set(COST_SPECS.map((s) => s.pool))];
