/*
 * A stand-in for Excel around the task pane page: served in place of office.js, it provides the
 * Office, Excel, CustomFunctions and OfficeRuntime objects the add-in uses, over an in-memory
 * workbook. ITFM formulas in its cells are evaluated by calling the custom functions the add-in's
 * own bundle associates, with Excel's argument conventions, so a recalculation goes through the
 * real functions (and, for remote ones, the real service).
 *
 * Excel's request model is kept: proxies queue loads and writes, context.sync() runs them, and a
 * property read before it was loaded and synced throws, as in Excel.
 *
 * Tests drive it through globalThis.fakeHost (see the end of this file). Configuration, set
 * before this script runs: globalThis.__fakeHostConfig = { theme: "light" | "dark",
 * workbook: WorkbookSpec, metadata: functions.json contents }. Document settings, runtime storage
 * and the workbook are kept in localStorage when there is one, so a reload reopens the workbook.
 */
/* global URL, setTimeout */
(function installFakeHost(root) {
  "use strict";

  const config = root.__fakeHostConfig || {};
  const storage = (() => {
    try {
      return root.localStorage || null;
    } catch {
      return null;
    }
  })();
  const now = () => (root.performance ? root.performance.now() : Date.now());

  function readStored(key) {
    if (!storage) return undefined;
    const text = storage.getItem(key);
    return text === null ? undefined : JSON.parse(text);
  }

  function writeStored(key, value) {
    if (storage) storage.setItem(key, JSON.stringify(value));
  }

  // ---------------------------------------------------------------- addresses

  function columnName(index) {
    let name = "";
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
      name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    }
    return name;
  }

  function columnIndex(letters) {
    let index = 0;
    for (const letter of letters.toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
    return index - 1;
  }

  function cellName(row, column) {
    return columnName(column) + (row + 1);
  }

  function parseCell(text) {
    const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text.trim());
    if (!match) return null;
    return { row: Number(match[2]) - 1, column: columnIndex(match[1]) };
  }

  /** "B2" or "B2:D9" -> { row, column, rows, columns }. */
  function parseArea(text) {
    const [first, last] = text.split(":");
    const a = parseCell(first);
    const b = last === undefined ? a : parseCell(last);
    if (!a || !b) return null;
    const row = Math.min(a.row, b.row);
    const column = Math.min(a.column, b.column);
    return { row, column, rows: Math.abs(a.row - b.row) + 1, columns: Math.abs(a.column - b.column) + 1 };
  }

  function areaName(area) {
    const first = cellName(area.row, area.column);
    return area.rows === 1 && area.columns === 1
      ? first
      : `${first}:${cellName(area.row + area.rows - 1, area.column + area.columns - 1)}`;
  }

  function quoteSheet(name) {
    return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
  }

  /** "Sheet1!A1:B2", "'My sheet'!A1" or "A1" -> { sheet (or null), area text }. */
  function splitAddress(text) {
    const bang = text.lastIndexOf("!");
    if (bang < 0) return { sheet: null, area: text };
    const sheet = text
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'");
    return { sheet, area: text.slice(bang + 1) };
  }

  // ---------------------------------------------------------------- errors

  const ERROR_CODES = {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
    invalidName: "#NAME?",
    invalidReference: "#REF!",
  };
  const BUSY = "#BUSY!";
  const SPILL = "#SPILL!";

  class CustomFunctionError extends Error {
    constructor(code, message) {
      super(message || "");
      this.code = code;
      if (message === undefined) this.message = undefined;
    }
  }

  /** The error context.sync() rejects with, shaped like OfficeExtension.Error. */
  class HostError extends Error {
    constructor(code, message) {
      super(message);
      this.name = "RichApi.Error";
      this.code = code;
      this.debugInfo = { code, message };
    }
  }

  const isError = (value) => value !== null && typeof value === "object" && "error" in value;

  // ---------------------------------------------------------------- the workbook

  const workbook = { sheets: [], active: 0, selection: { sheet: 0, area: parseArea("A1") } };
  const host = {
    evaluations: 0,
    pending: 0,
    idleWaiters: [],
    associated: new Map(),
    firstAssociateAt: null,
    lastAssociateAt: null,
    /** Extra time every calculation takes, as on a slow machine. */
    latencyMs: 0,
  };

  function newSheet(name) {
    return { name, cells: new Map() };
  }

  const key = (row, column) => `${row},${column}`;

  function sheetIndex(name) {
    const lower = name.toLowerCase();
    return workbook.sheets.findIndex((sheet) => sheet.name.toLowerCase() === lower);
  }

  function sheetNamed(name) {
    const index = sheetIndex(name);
    if (index < 0) throw new HostError("ItemNotFound", `The worksheet "${name}" does not exist.`);
    return workbook.sheets[index];
  }

  function constantOf(input) {
    if (typeof input === "number" || typeof input === "boolean") return input;
    if (input === null || input === undefined || input === "") return "";
    const text = String(input);
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return Number(text);
    if (/^(TRUE|FALSE)$/i.test(text)) return text.toUpperCase() === "TRUE";
    return text;
  }

  function clearSpill(sheet, anchorKey) {
    const anchor = sheet.cells.get(anchorKey);
    if (!anchor || !anchor.spilled) return;
    for (const child of anchor.spilled) {
      const cell = sheet.cells.get(child);
      if (cell && cell.spillFrom === anchorKey) sheet.cells.delete(child);
    }
    anchor.spilled = null;
  }

  function setCellError(sheet, cellKey, code) {
    const cell = sheet.cells.get(cellKey);
    if (cell) cell.value = { error: code };
  }

  /** Writes what a user types (or `range.formulas =` sets) into one cell. */
  function writeCell(sheet, row, column, input) {
    const k = key(row, column);
    const previous = sheet.cells.get(k);
    if (previous && previous.spillFrom) {
      // typing into a spilled area blocks the spill
      const anchorKey = previous.spillFrom;
      clearSpill(sheet, anchorKey);
      setCellError(sheet, anchorKey, SPILL);
    }
    clearSpill(sheet, k);
    const text = typeof input === "string" ? input : null;
    if (text !== null && text.startsWith("=")) {
      const cell = { formula: text, value: "", generation: (previous ? previous.generation || 0 : 0) + 1 };
      sheet.cells.set(k, cell);
      void evaluate(sheet, row, column);
      return;
    }
    const value = constantOf(input);
    if (value === "") sheet.cells.delete(k);
    else sheet.cells.set(k, { formula: null, value });
  }

  function valueAt(sheet, row, column) {
    const cell = sheet.cells.get(key(row, column));
    return cell ? cell.value : "";
  }

  function excelValue(value) {
    return isError(value) ? value.error : value;
  }

  function valueType(value) {
    if (isError(value)) return "Error";
    if (value === "") return "Empty";
    if (typeof value === "number") return "Double";
    if (typeof value === "boolean") return "Boolean";
    return "String";
  }

  function formulaAt(sheet, row, column) {
    const cell = sheet.cells.get(key(row, column));
    if (!cell) return "";
    if (cell.formula) return cell.formula;
    return excelValue(cell.value);
  }

  function usedArea(sheet) {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const k of sheet.cells.keys()) {
      const [row, column] = k.split(",").map(Number);
      top = Math.min(top, row);
      left = Math.min(left, column);
      bottom = Math.max(bottom, row);
      right = Math.max(right, column);
    }
    return bottom < 0 ? null : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  function matrixOf(area, read) {
    const rows = [];
    for (let r = 0; r < area.rows; r++) {
      const row = [];
      for (let c = 0; c < area.columns; c++) row.push(read(area.row + r, area.column + c));
      rows.push(row);
    }
    return rows;
  }

  // ---------------------------------------------------------------- formulas

  /** "=ITFM.COST("Compute", B2, , 3)" -> { name: "COST", args: [...] }, or null if it is no ITFM call. */
  function parseFormula(text) {
    const match = /^=\s*ITFM\.([A-Za-z]+)\s*\(([\s\S]*)\)\s*$/i.exec(text);
    if (!match) return null;
    const args = [];
    const body = match[2];
    let i = 0;
    const skipSpace = () => {
      while (i < body.length && /\s/.test(body[i])) i++;
    };
    if (body.trim() === "") return { name: match[1].toUpperCase(), args };
    for (;;) {
      skipSpace();
      let arg;
      if (body[i] === '"') {
        let value = "";
        i++;
        for (;;) {
          if (i >= body.length) return null;
          if (body[i] === '"') {
            if (body[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          value += body[i++];
        }
        arg = { kind: "literal", value };
      } else {
        let token = "";
        let quoted = false;
        while (i < body.length && (quoted || body[i] !== ",")) {
          if (body[i] === "'") quoted = !quoted;
          token += body[i++];
        }
        token = token.trim();
        if (token === "") arg = { kind: "blank" };
        else if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/.test(token)) {
          arg = {
            kind: "literal",
            value: token.endsWith("%") ? Number(token.slice(0, -1)) / 100 : Number(token),
          };
        } else if (/^(TRUE|FALSE)$/i.test(token))
          arg = { kind: "literal", value: token.toUpperCase() === "TRUE" };
        else {
          const { sheet, area } = splitAddress(token);
          const parsed = parseArea(area);
          if (!parsed) return null;
          arg = { kind: "reference", sheet, area: parsed };
        }
      }
      args.push(arg);
      skipSpace();
      if (i >= body.length) break;
      if (body[i] !== ",") return null;
      i++;
    }
    return { name: match[1].toUpperCase(), args };
  }

  /** One argument as Excel hands it to a custom function: a matrix for range parameters, else a scalar. */
  function argumentValue(arg, parameter, sheet) {
    const matrix = parameter.dimensionality === "matrix";
    if (arg === undefined) return undefined;
    if (arg.kind === "blank") return matrix ? [[null]] : null;
    if (arg.kind === "literal") return matrix ? [[arg.value]] : arg.value;
    const target = arg.sheet === null ? sheet : sheetNamed(arg.sheet);
    const values = matrixOf(arg.area, (r, c) => valueAt(target, r, c));
    for (const row of values)
      for (const value of row) if (isError(value)) throw new CustomFunctionError(value.error);
    return matrix ? values : values[0][0];
  }

  // Excel registers the functions' metadata when it loads the add-in, before any cell needs it.
  const metadataPromise = config.metadata
    ? Promise.resolve(config.metadata)
    : root.fetch(new URL("functions.json", root.location.href)).then((response) => response.json());
  metadataPromise.catch(() => undefined);
  const metadata = () => metadataPromise;

  function resultValue(value) {
    if (value instanceof CustomFunctionError) return { error: value.code, message: value.message };
    if (typeof value === "number")
      return Number.isFinite(value) ? value : { error: ERROR_CODES.invalidNumber };
    if (typeof value === "string" || typeof value === "boolean") return value;
    if (value === null || value === undefined) return 0;
    return { error: ERROR_CODES.invalidValue };
  }

  /** Writes a result into its cell, spilling a matrix over the cells right and below. */
  function applyResult(sheet, row, column, result) {
    const anchorKey = key(row, column);
    const anchor = sheet.cells.get(anchorKey);
    clearSpill(sheet, anchorKey);
    if (!Array.isArray(result)) {
      anchor.value = resultValue(result);
      return;
    }
    const rows = result.map((line) => (Array.isArray(line) ? line : [line]));
    const spilled = [];
    for (let r = 0; r < rows.length; r++) {
      for (let c = 0; c < rows[r].length; c++) {
        if (r === 0 && c === 0) continue;
        const target = sheet.cells.get(key(row + r, column + c));
        if (target) {
          anchor.value = { error: SPILL };
          return;
        }
        spilled.push([r, c]);
      }
    }
    anchor.value = resultValue(rows[0][0]);
    anchor.spilled = spilled.map(([r, c]) => key(row + r, column + c));
    for (const [r, c] of spilled) {
      sheet.cells.set(key(row + r, column + c), {
        formula: null,
        value: resultValue(rows[r][c]),
        spillFrom: anchorKey,
      });
    }
  }

  function settle() {
    host.pending--;
    if (host.pending === 0) for (const resolve of host.idleWaiters.splice(0)) resolve();
  }

  /** Recalculates one formula cell: #BUSY! until the custom function answers, then its result. */
  async function evaluate(sheet, row, column) {
    const cell = sheet.cells.get(key(row, column));
    if (!cell || !cell.formula) return;
    const generation = (cell.generation = (cell.generation || 0) + 1);
    const current = () => sheet.cells.get(key(row, column)) === cell && cell.generation === generation;
    cell.value = { error: BUSY };
    host.pending++;
    try {
      const parsed = parseFormula(cell.formula);
      const meta = await metadata();
      const declared = parsed && meta.functions.find((f) => f.id === parsed.name);
      const fn = parsed && host.associated.get(parsed.name);
      if (!declared || !fn) {
        if (current()) cell.value = { error: ERROR_CODES.invalidName };
        return;
      }
      if (parsed.args.length > declared.parameters.length) {
        if (current()) cell.value = { error: ERROR_CODES.invalidValue };
        return;
      }
      const args = declared.parameters.map((parameter, i) => argumentValue(parsed.args[i], parameter, sheet));
      const options = declared.options || {};
      if (options.requiresAddress || options.stream || options.cancelable) {
        args.push({
          address: `${quoteSheet(sheet.name)}!${cellName(row, column)}`,
          functionName: `ITFM.${parsed.name}`,
        });
      }
      host.evaluations++;
      const result = await fn(...args);
      if (host.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, host.latencyMs));
      if (current()) applyResult(sheet, row, column, result);
    } catch (error) {
      const code =
        error && typeof error.code === "string" && error.code.startsWith("#") ? error.code : "#VALUE!";
      if (current()) {
        clearSpill(sheet, key(row, column));
        cell.value = { error: code, message: error && error.message };
      }
    } finally {
      settle();
    }
  }

  function recalculate(sheet, area) {
    for (const [k, cell] of sheet.cells) {
      if (!cell.formula) continue;
      const [row, column] = k.split(",").map(Number);
      const inside =
        row >= area.row &&
        row < area.row + area.rows &&
        column >= area.column &&
        column < area.column + area.columns;
      if (inside) void evaluate(sheet, row, column);
    }
  }

  // ---------------------------------------------------------------- the request model (proxies)

  function propertyNames(argument) {
    if (argument === undefined) return null;
    if (typeof argument === "string")
      return argument
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean);
    if (Array.isArray(argument)) return argument.flatMap((name) => propertyNames(name));
    if (typeof argument === "object") {
      if (typeof argument.select === "string") return propertyNames(argument.select);
      return Object.keys(argument).filter((name) => argument[name]);
    }
    return [];
  }

  class ClientObject {
    constructor(context, readable) {
      this.context = context;
      this._readable = readable;
      this._loaded = new Map();
    }

    load(argument) {
      const names = propertyNames(argument) || this._readable;
      this.context._queue.push(() => this._fill(names));
      return this;
    }

    _fill(names) {
      for (const name of names) {
        const slash = name.indexOf("/");
        if (slash >= 0) {
          this._fillNested(name.slice(0, slash), name.slice(slash + 1));
          continue;
        }
        if (!this._readable.includes(name)) {
          throw new HostError("InvalidArgument", `The fake host does not provide the property "${name}".`);
        }
        this._loaded.set(name, this._read(name));
      }
    }

    _fillNested(name) {
      throw new HostError("InvalidArgument", `The fake host does not provide the property "${name}".`);
    }

    _value(name) {
      if (!this._loaded.has(name)) {
        throw new HostError(
          "PropertyNotLoaded",
          `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
        );
      }
      return this._loaded.get(name);
    }

    toJSON() {
      return Object.fromEntries(this._loaded);
    }
  }

  function defineProperties(prototype, names) {
    for (const name of names) {
      Object.defineProperty(prototype, name, {
        get() {
          return this._value(name);
        },
        configurable: true,
      });
    }
  }

  const RANGE_PROPERTIES = [
    "address",
    "addressLocal",
    "formulas",
    "values",
    "valueTypes",
    "text",
    "rowIndex",
    "columnIndex",
    "rowCount",
    "columnCount",
    "cellCount",
  ];

  class Range extends ClientObject {
    /** `locate` finds { sheet, area } when the queue runs; null means a null object. */
    constructor(context, locate, orNull) {
      super(context, RANGE_PROPERTIES);
      this._locate = locate;
      this._orNull = orNull;
      this._isNull = undefined;
      if (orNull) context._trackNull(this);
    }

    _where() {
      const where = this._locate();
      if (where === null) {
        if (this._orNull) return null;
        throw new HostError("ItemNotFound", "The requested resource does not exist.");
      }
      return where;
    }

    _read(name) {
      const where = this._where();
      if (where === null) return null;
      const { sheet, area } = where;
      switch (name) {
        case "address":
        case "addressLocal":
          return `${quoteSheet(sheet.name)}!${areaName(area)}`;
        case "formulas":
          return matrixOf(area, (r, c) => formulaAt(sheet, r, c));
        case "values":
          return matrixOf(area, (r, c) => excelValue(valueAt(sheet, r, c)));
        case "text":
          return matrixOf(area, (r, c) => String(excelValue(valueAt(sheet, r, c))));
        case "valueTypes":
          return matrixOf(area, (r, c) => valueType(valueAt(sheet, r, c)));
        case "rowIndex":
          return area.row;
        case "columnIndex":
          return area.column;
        case "rowCount":
          return area.rows;
        case "columnCount":
          return area.columns;
        case "cellCount":
          return area.rows * area.columns;
      }
      return undefined;
    }

    get isNullObject() {
      if (this._isNull === undefined) {
        throw new HostError("PropertyNotLoaded", "isNullObject is available after context.sync().");
      }
      return this._isNull;
    }

    _write(matrix) {
      const where = this._where();
      if (where === null) throw new HostError("InvalidOperation", "The range is a null object.");
      const { sheet, area } = where;
      if (
        !Array.isArray(matrix) ||
        matrix.length !== area.rows ||
        matrix.some((row) => row.length !== area.columns)
      ) {
        throw new HostError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${area.rows}×${area.columns}).`,
        );
      }
      for (let r = 0; r < area.rows; r++) {
        for (let c = 0; c < area.columns; c++) writeCell(sheet, area.row + r, area.column + c, matrix[r][c]);
      }
    }

    set formulas(matrix) {
      this.context._queue.push(() => this._write(matrix));
    }

    set values(matrix) {
      this.context._queue.push(() => this._write(matrix));
    }

    select() {
      this.context._queue.push(() => {
        const { sheet, area } = this._where();
        workbook.active = workbook.sheets.indexOf(sheet);
        workbook.selection = { sheet: workbook.active, area };
      });
    }

    calculate() {
      this.context._queue.push(() => {
        const { sheet, area } = this._where();
        recalculate(sheet, area);
      });
    }

    getCell(row, column) {
      return new Range(this.context, () => {
        const { sheet, area } = this._where();
        return { sheet, area: { row: area.row + row, column: area.column + column, rows: 1, columns: 1 } };
      });
    }

    get worksheet() {
      return new Worksheet(this.context, () => this._where().sheet);
    }
  }
  defineProperties(
    Range.prototype,
    RANGE_PROPERTIES.filter((name) => name !== "formulas" && name !== "values"),
  );
  for (const name of ["formulas", "values"]) {
    const setter = Object.getOwnPropertyDescriptor(Range.prototype, name).set;
    Object.defineProperty(Range.prototype, name, {
      get() {
        return this._value(name);
      },
      set: setter,
      configurable: true,
    });
  }

  class Worksheet extends ClientObject {
    constructor(context, locate) {
      super(context, ["name", "position", "id", "visibility"]);
      this._locate = locate;
    }

    _read(name) {
      const sheet = this._locate();
      switch (name) {
        case "name":
          return sheet.name;
        case "id":
          return `{sheet-${sheet.name}}`;
        case "position":
          return workbook.sheets.indexOf(sheet);
        case "visibility":
          return "Visible";
      }
      return undefined;
    }

    getRange(address) {
      return new Range(this.context, () => {
        const sheet = this._locate();
        const area =
          address === undefined ? { row: 0, column: 0, rows: 1048576, columns: 16384 } : parseArea(address);
        if (!area) throw new HostError("InvalidArgument", `"${address}" is not a range address.`);
        return { sheet, area };
      });
    }

    getCell(row, column) {
      return this.getRangeByIndexes(row, column, 1, 1);
    }

    getRangeByIndexes(row, column, rows, columns) {
      return new Range(this.context, () => ({ sheet: this._locate(), area: { row, column, rows, columns } }));
    }

    getUsedRange() {
      return new Range(this.context, () => {
        const sheet = this._locate();
        return { sheet, area: usedArea(sheet) || { row: 0, column: 0, rows: 1, columns: 1 } };
      });
    }

    getUsedRangeOrNullObject() {
      return new Range(
        this.context,
        () => {
          const sheet = this._locate();
          const area = usedArea(sheet);
          return area === null ? null : { sheet, area };
        },
        true,
      );
    }

    activate() {
      this.context._queue.push(() => {
        workbook.active = workbook.sheets.indexOf(this._locate());
      });
    }
  }
  defineProperties(Worksheet.prototype, ["name", "position", "id", "visibility"]);

  class WorksheetCollection extends ClientObject {
    constructor(context) {
      super(context, ["items"]);
    }

    _read() {
      return workbook.sheets.map((sheet) => new Worksheet(this.context, () => sheet));
    }

    _fillNested(name, rest) {
      if (name !== "items") super._fillNested(name);
      const items = this._read();
      for (const item of items) item._fill([rest]);
      this._loaded.set("items", items);
    }

    getItem(name) {
      return new Worksheet(this.context, () => sheetNamed(name));
    }

    getActiveWorksheet() {
      return new Worksheet(this.context, () => workbook.sheets[workbook.active]);
    }

    getCount() {
      const result = { value: undefined };
      this.context._queue.push(() => {
        result.value = workbook.sheets.length;
      });
      return result;
    }
  }
  defineProperties(WorksheetCollection.prototype, ["items"]);

  class Workbook extends ClientObject {
    constructor(context) {
      super(context, ["name"]);
      this.worksheets = new WorksheetCollection(context);
      this.application = {
        calculate: () => {
          context._queue.push(() => {
            for (const sheet of workbook.sheets)
              recalculate(sheet, { row: 0, column: 0, rows: 1048576, columns: 16384 });
          });
        },
      };
    }

    _read() {
      return "Book1.xlsx";
    }

    getSelectedRange() {
      return new Range(this.context, () => ({
        sheet: workbook.sheets[workbook.selection.sheet],
        area: workbook.selection.area,
      }));
    }

    getActiveCell() {
      return new Range(this.context, () => {
        const { sheet, area } = workbook.selection;
        return {
          sheet: workbook.sheets[sheet],
          area: { row: area.row, column: area.column, rows: 1, columns: 1 },
        };
      });
    }
  }
  defineProperties(Workbook.prototype, ["name"]);

  const roundTrip = () => new Promise((resolve) => setTimeout(resolve, 0));

  class RequestContext {
    constructor() {
      this._queue = [];
      this._nullables = [];
      this.workbook = new Workbook(this);
      this.trackedObjects = { add() {}, remove() {} };
    }

    _trackNull(range) {
      this._nullables.push(range);
    }

    async sync() {
      const queue = this._queue;
      this._queue = [];
      const nullables = this._nullables;
      this._nullables = [];
      host.syncs++;
      await roundTrip();
      for (const operation of queue) operation();
      for (const range of nullables) range._isNull = range._locate() === null;
    }
  }
  host.syncs = 0;

  // ---------------------------------------------------------------- Office, Excel, CustomFunctions, OfficeRuntime

  const THEMES = {
    light: {
      bodyBackgroundColor: "#FFFFFF",
      bodyForegroundColor: "#000000",
      controlBackgroundColor: "#FFFFFF",
      controlForegroundColor: "#000000",
      isDarkTheme: false,
    },
    dark: {
      bodyBackgroundColor: "#292929",
      bodyForegroundColor: "#FFFFFF",
      controlBackgroundColor: "#1F1F1F",
      controlForegroundColor: "#FFFFFF",
      isDarkTheme: true,
    },
  };

  const SETTINGS_KEY = "fakeHost.settings";
  const RUNTIME_STORAGE_KEY = "fakeHost.runtimeStorage";
  const WORKBOOK_KEY = "fakeHost.workbook";

  const savedSettings = readStored(SETTINGS_KEY) || {};
  let liveSettings = { ...savedSettings };

  const settings = {
    get(name) {
      return name in liveSettings ? liveSettings[name] : null;
    },
    set(name, value) {
      liveSettings[name] = JSON.parse(JSON.stringify(value));
    },
    remove(name) {
      delete liveSettings[name];
    },
    saveAsync(options, callback) {
      const done = typeof options === "function" ? options : callback;
      writeStored(SETTINGS_KEY, liveSettings);
      setTimeout(() => done && done({ status: "succeeded", value: undefined }), 0);
    },
    refreshAsync(callback) {
      liveSettings = { ...(readStored(SETTINGS_KEY) || {}) };
      setTimeout(() => callback && callback({ status: "succeeded", value: settings }), 0);
    },
  };

  const runtimeItems = new Map(Object.entries(readStored(RUNTIME_STORAGE_KEY) || {}));
  const persistRuntime = () => writeStored(RUNTIME_STORAGE_KEY, Object.fromEntries(runtimeItems));

  root.OfficeRuntime = {
    storage: {
      async getItem(name) {
        return runtimeItems.has(name) ? runtimeItems.get(name) : null;
      },
      async setItem(name, value) {
        runtimeItems.set(name, String(value));
        persistRuntime();
      },
      async removeItem(name) {
        runtimeItems.delete(name);
        persistRuntime();
      },
      async getKeys() {
        return [...runtimeItems.keys()];
      },
    },
  };

  const readyInfo = { host: "Excel", platform: "OfficeOnline" };
  const theme = THEMES[config.theme] || THEMES[readStored("fakeHost.theme")] || THEMES.light;

  root.Office = {
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { OfficeThemeChanged: "officeThemeChanged" },
    onReady(callback) {
      const ready = new Promise((resolve) => setTimeout(() => resolve(readyInfo), 0));
      if (callback) ready.then(callback);
      return ready;
    },
    context: {
      host: "Excel",
      platform: "OfficeOnline",
      displayLanguage: "en-US",
      contentLanguage: "en-US",
      officeTheme: theme,
      document: { settings },
      requirements: { isSetSupported: () => true },
    },
    actions: { associate() {} },
    addin: {
      showAsTaskpane: () => Promise.resolve(),
      setStartupBehavior: () => Promise.resolve(),
    },
  };

  root.OfficeExtension = { Error: HostError };

  root.Excel = {
    async run(batch) {
      const context = new RequestContext();
      const result = await batch(context);
      if (context._queue.length > 0) await context.sync();
      return result;
    },
    RequestContext,
    CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
    RangeValueType: {
      empty: "Empty",
      string: "String",
      double: "Double",
      boolean: "Boolean",
      error: "Error",
    },
  };

  root.CustomFunctions = {
    Error: CustomFunctionError,
    ErrorCode: ERROR_CODES,
    associate(id, fn) {
      if (typeof id === "object") {
        for (const [name, body] of Object.entries(id)) root.CustomFunctions.associate(name, body);
        return;
      }
      const at = now();
      host.firstAssociateAt ??= at;
      host.lastAssociateAt = at;
      host.associated.set(id.toUpperCase(), fn);
    },
  };

  // ---------------------------------------------------------------- the test's handle

  /**
   * A workbook as tests write it: { sheets: [{ name, cells: { A1: 5, B1: "=ITFM.COST(...)" },
   * values: { B1: 120 } }], selection: "Sheet1!B2" }. `values` are the results saved with the
   * workbook (what a formula shows before it is recalculated).
   */
  function loadWorkbook(spec) {
    workbook.sheets = spec.sheets.map((sheetSpec) => {
      const sheet = newSheet(sheetSpec.name);
      for (const [address, input] of Object.entries(sheetSpec.cells || {})) {
        const { row, column } = parseCell(address);
        const isFormula = typeof input === "string" && input.startsWith("=");
        const saved = sheetSpec.values && address in sheetSpec.values ? sheetSpec.values[address] : "";
        sheet.cells.set(
          key(row, column),
          isFormula
            ? { formula: input, value: savedValue(saved), generation: 0 }
            : { formula: null, value: constantOf(input) },
        );
      }
      return sheet;
    });
    if (workbook.sheets.length === 0) workbook.sheets.push(newSheet("Sheet1"));
    workbook.active = 0;
    workbook.selection = { sheet: 0, area: parseArea("A1") };
    if (spec.selection) select(spec.selection);
  }

  function savedValue(saved) {
    return typeof saved === "string" && /^#[A-Z0-9/]+[!?A]?$/.test(saved) && saved.length <= 8
      ? { error: saved }
      : saved;
  }

  function select(address) {
    const { sheet, area } = splitAddress(address);
    const index = sheet === null ? workbook.active : sheetIndex(sheet);
    workbook.active = index;
    workbook.selection = { sheet: index, area: parseArea(area) };
  }

  function serialize() {
    return {
      active: workbook.active,
      selection: { sheet: workbook.selection.sheet, area: areaName(workbook.selection.area) },
      sheets: workbook.sheets.map((sheet) => ({ name: sheet.name, cells: [...sheet.cells] })),
    };
  }

  function restore(saved) {
    workbook.sheets = saved.sheets.map((sheet) => ({ name: sheet.name, cells: new Map(sheet.cells) }));
    workbook.active = saved.active;
    workbook.selection = { sheet: saved.selection.sheet, area: parseArea(saved.selection.area) };
  }

  const persisted = readStored(WORKBOOK_KEY);
  if (persisted) restore(persisted);
  else loadWorkbook(config.workbook || { sheets: [{ name: "Sheet1" }] });
  if (root.addEventListener) root.addEventListener("pagehide", () => writeStored(WORKBOOK_KEY, serialize()));

  /** The sheet, row and column of an address such as "Budget!B1" (the active sheet without a name). */
  function cellAddress(address) {
    const { sheet, area } = splitAddress(address);
    const target = sheet === null ? workbook.sheets[workbook.active] : sheetNamed(sheet);
    return { target, ...parseCell(area) };
  }

  root.fakeHost = {
    loadWorkbook,
    select,
    /** One cell as Excel shows it: its formula (or constant), value and value type. */
    cell(address) {
      const { target, row, column } = cellAddress(address);
      const value = valueAt(target, row, column);
      return { formula: formulaAt(target, row, column), value: excelValue(value), type: valueType(value) };
    },
    /** The message of an error a cell shows (what Excel shows on hovering it), if it shows one. */
    cellMessage(address) {
      const { target, row, column } = cellAddress(address);
      const value = valueAt(target, row, column);
      return isError(value) ? value.message : undefined;
    },
    /** Types `input` (a constant or a formula) into one cell, as a user does in the grid. */
    type(address, input) {
      const { target, row, column } = cellAddress(address);
      writeCell(target, row, column, input);
    },
    selection() {
      const sheet = workbook.sheets[workbook.selection.sheet];
      return `${quoteSheet(sheet.name)}!${areaName(workbook.selection.area)}`;
    },
    /** Resolves when no formula is calculating. */
    idle() {
      return host.pending === 0
        ? Promise.resolve()
        : new Promise((resolve) => host.idleWaiters.push(resolve));
    },
    stats() {
      return {
        evaluations: host.evaluations,
        pending: host.pending,
        syncs: host.syncs,
        associated: [...host.associated.keys()],
        firstAssociateAt: host.firstAssociateAt,
        lastAssociateAt: host.lastAssociateAt,
      };
    },
    /** Makes every calculation take `ms` longer (a slow machine), e.g. to watch a refresh's progress. */
    setLatency(ms) {
      host.latencyMs = ms;
    },
    /** Saves the workbook now (a reload saves it too). */
    save() {
      writeStored(WORKBOOK_KEY, serialize());
    },
  };
})(globalThis);
