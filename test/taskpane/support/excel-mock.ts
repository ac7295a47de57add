import { OfficeMockObject } from "office-addin-mock";

export interface ExcelMock {
  context: { workbook: { activeCell: { formulas: unknown }; selectedRange: { address: string } } };
}

/**
 * An Excel (office-addin-mock) with a workbook whose active cell is Budget!D4 and whose selection
 * is `selection`, installed as the global Excel. Tests that use it mock office-addin-manifest:
 * jest.mock("office-addin-manifest", () => jest.requireActual("office-addin-manifest/lib/officeApp")).
 */
export function mockExcel(selection: string): ExcelMock {
  const excel = new OfficeMockObject({
    context: {
      workbook: {
        activeCell: { address: "Budget!D4", formulas: [[""]], worksheet: { name: "Budget" } },
        selectedRange: { address: selection },
        getActiveCell() {
          return (this as unknown as { activeCell: unknown }).activeCell;
        },
        getSelectedRange() {
          return (this as unknown as { selectedRange: unknown }).selectedRange;
        },
      },
    },
    async run(batch: (context: unknown) => Promise<unknown>) {
      return batch((this as unknown as { context: unknown }).context);
    },
  });
  (globalThis as unknown as { Excel: unknown }).Excel = excel;
  return excel as unknown as ExcelMock;
}
