import type { DriverQuantity } from "../../contract/model";
import { Decimal, ONE } from "../../engine/decimal";
import { LAST_ACTUAL_MONTH, MONTHS, monthIndex } from "./calendar";
import { SeededRandom } from "./random";
import { BUSINESS_UNITS, type BusinessUnitSpec, type DriverName, SERVICES } from "./taxonomy";

/** Service desk tickets by calendar month: a January peak (new year, passwords), a quiet August. */
const TICKET_SEASON = [115, 105, 100, 100, 95, 95, 90, 85, 110, 105, 100, 90].map((p) =>
  new Decimal(p).div(100),
);

/** How the compute and storage towers' driver splits over their services, in percent. */
export const TOWER_SERVICE_SHARES: Readonly<
  Record<"Servers" | "Storage TB", Readonly<Record<string, number>>>
> = {
  Servers: { "Virtual Servers": 72, "Physical Servers": 18, "Container Platform": 10 },
  "Storage TB": { "Block Storage": 55, "File Storage": 25, "Backup & Archive": 20 },
};

interface DriverPlan {
  readonly driver: DriverName;
  readonly decimals: number;
  /** Month-to-month noise of Actual, in basis points. */
  readonly noise: number;
  readonly plan: (unit: BusinessUnitSpec, month: string) => Decimal;
}

const headcountPlan = (unit: BusinessUnitSpec, month: string): Decimal =>
  new Decimal(unit.headcount).times(ONE.plus(new Decimal("0.002").times(monthIndex(month).sinceStart)));

const DRIVER_PLANS: readonly DriverPlan[] = [
  { driver: "Headcount", decimals: 0, noise: 100, plan: headcountPlan },
  {
    driver: "Users",
    decimals: 0,
    noise: 150,
    plan: (unit, month) => headcountPlan(unit, month).times(unit.usersPercent).div(100),
  },
  {
    driver: "Servers",
    decimals: 0,
    noise: 200,
    plan: (unit, month) =>
      new Decimal(unit.servers).times(ONE.plus(new Decimal("0.005").times(monthIndex(month).sinceStart))),
  },
  {
    driver: "Storage TB",
    decimals: 1,
    noise: 200,
    plan: (unit, month) =>
      new Decimal(unit.storageTb).times(new Decimal("1.015").pow(monthIndex(month).sinceStart)),
  },
  {
    driver: "Tickets",
    decimals: 0,
    noise: 800,
    plan: (unit, month) =>
      headcountPlan(unit, month)
        .times(unit.ticketsPer100)
        .div(100)
        .times(TICKET_SEASON[monthIndex(month).ofYear]),
  },
];

type Quantities = Map<string, Decimal>;
const key = (driver: string, member: string, month: string, scenario: string): string =>
  `${driver}\u0000${member}\u0000${month}\u0000${scenario}`;

/** Business units' quantities: Budget = plan, Actual = plan with noise, Forecast = Actual when closed, else plan. */
function businessUnitQuantities(forecastRevision: number): Quantities {
  const actualNoise = new SeededRandom(20260201);
  const forecastNoise = new SeededRandom(20261201 + forecastRevision);
  const quantities: Quantities = new Map();
  for (const plan of DRIVER_PLANS) {
    const round = (x: Decimal): Decimal => x.toDecimalPlaces(plan.decimals);
    for (const unit of BUSINESS_UNITS) {
      for (const month of MONTHS) {
        const planned = plan.plan(unit, month);
        quantities.set(key(plan.driver, unit.name, month, "Budget"), round(planned));
        const forecast =
          month <= LAST_ACTUAL_MONTH
            ? round(planned.times(actualNoise.factor(plan.noise)))
            : round(planned.times(forecastNoise.factor(Math.round(plan.noise / 4))));
        if (month <= LAST_ACTUAL_MONTH)
          quantities.set(key(plan.driver, unit.name, month, "Actual"), forecast);
        quantities.set(key(plan.driver, unit.name, month, "Forecast"), forecast);
      }
    }
  }
  return quantities;
}

function scenariosOf(month: string): string[] {
  return month <= LAST_ACTUAL_MONTH ? ["Actual", "Budget", "Forecast"] : ["Budget", "Forecast"];
}

/**
 * Driver quantities of the demo: every driver for every business unit; servers and storage of the
 * compute and storage services (the towers' split); IT staff (Headcount) of every service.
 */
export function driverQuantities(options: { forecastRevision: number }): DriverQuantity[] {
  const byUnit = businessUnitQuantities(options.forecastRevision);
  const rows: DriverQuantity[] = [];
  const push = (
    driver: string,
    member: string,
    period: string,
    scenario: string,
    quantity: Decimal,
  ): void => {
    rows.push({ driver, member, period, scenario, quantity: quantity.toFixed() });
  };
  for (const [k, quantity] of byUnit) {
    const [driver, member, period, scenario] = k.split("\u0000");
    push(driver, member, period, scenario, quantity);
  }
  for (const month of MONTHS) {
    for (const scenario of scenariosOf(month)) {
      for (const [driver, shares] of Object.entries(TOWER_SERVICE_SHARES)) {
        const total = BUSINESS_UNITS.reduce(
          (t, unit) => t.plus(byUnit.get(key(driver, unit.name, month, scenario)) ?? 0),
          new Decimal(0),
        );
        for (const [service, percent] of Object.entries(shares)) {
          push(driver, service, month, scenario, total.times(percent).div(100).toDecimalPlaces(1));
        }
      }
      for (const service of SERVICES)
        push("Headcount", service.name, month, scenario, new Decimal(service.itStaff));
    }
  }
  return rows;
}
