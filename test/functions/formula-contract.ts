/**
 * The ITFM formula contract of DESIGN.md as data: every function's parameters in order, which are
 * optional, and which accept a range (matrix). The generated functions.json must match it exactly.
 */
export interface ContractParameter {
  name: string;
  optional?: boolean;
  range?: boolean;
}

const optional = (name: string): ContractParameter => ({ name, optional: true });
const range = (name: string): ContractParameter => ({ name, range: true });
const required = (name: string): ContractParameter => ({ name });

export const LOCAL_FORMULAS: Record<string, ContractParameter[]> = {
  ALLOCATE: [range("amount"), range("drivers"), optional("decimals"), optional("method")],
  STEPDOWN: [range("costs"), range("usage"), optional("decimals")],
  RECIPROCAL: [range("costs"), range("usage"), optional("decimals")],
  TCO: [
    range("upfront"),
    range("recurring"),
    optional("years"),
    optional("rate"),
    optional("escalation"),
    optional("end_of_life"),
    optional("metric"),
  ],
  ROI: [range("costs"), range("benefits"), optional("rate"), optional("metric"), optional("reinvest_rate")],
  DEPRECIATION: [
    required("cost"),
    required("salvage"),
    required("life"),
    optional("method"),
    optional("period"),
  ],
  RUNRATE: [range("actuals"), required("periods_total"), optional("method")],
};

export const REMOTE_FORMULAS: Record<string, ContractParameter[]> = {
  COST: [required("member"), required("period"), optional("scenario"), optional("version")],
  ALLOCATED: [
    required("member"),
    required("consumer"),
    required("period"),
    optional("scenario"),
    optional("version"),
  ],
  DRIVER: [
    required("driver"),
    required("consumer"),
    required("period"),
    optional("scenario"),
    optional("version"),
  ],
  RATE: [required("service"), required("period"), optional("scenario"), optional("version")],
  MEMBERS: [required("dimension"), optional("parent"), optional("version")],
  MODEL: [required("field"), optional("version")],
};
