import type { LineOfMember } from "../../src/contract/lines";
import { type BookingPart, linesOfCell } from "../../src/server/explain/cell-lines";

const booking = { pool: "Hardware", tower: "Compute", service: null, consumer: null };
const line = (id: string, amount: string, period = "2026-01"): LineOfMember =>
  ({
    id,
    pool: "Hardware",
    tower: "Compute",
    period,
    scenario: "Actual",
    amount,
    importId: null,
  }) as LineOfMember;
const parts = (cents: bigint, period = "2026-01") =>
  new Map<string, BookingPart>([
    [`Hardware\u0000Compute\u0000\u0000\u00002026-01`, { booking, period, cents }],
  ]);

describe("the lines behind a cell", () => {
  test("a booking's cents split over its lines to the cent; past the cap the rest is counted", () => {
    const lines = [line("1", "3.00"), line("2", "3.00"), line("3", "3.00"), line("9", "5.00", "2026-02")];
    const all = linesOfCell(parts(1000n), lines);
    expect(all.lines.map((l) => [l.id, l.part])).toEqual([
      ["1", "3.34"],
      ["2", "3.33"],
      ["3", "3.33"],
    ]);
    expect([all.total, all.more]).toEqual([{ lines: 3, part: "10.00" }, null]);
    const capped = linesOfCell(parts(1000n), lines, 2);
    expect([capped.lines.length, capped.total, capped.more]).toEqual([
      2,
      { lines: 3, part: "10.00" },
      { count: 1, part: "3.33" },
    ]);
  });

  test("a line whose part is under a cent is left out; the rest still add up", () => {
    const answer = linesOfCell(parts(1n), [line("1", "1.00"), line("2", "1.00")]);
    expect([answer.lines.map((l) => l.part), answer.total]).toEqual([["0.01"], { lines: 1, part: "0.01" }]);
  });

  test("cents with no lines to stand for them is an error, never a silent loss", () => {
    expect(() => linesOfCell(parts(5n), [])).toThrow("add up to nothing");
  });
});
