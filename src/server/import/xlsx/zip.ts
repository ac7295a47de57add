import type { Readable } from "node:stream";
import yauzl from "yauzl";

/** A workbook is a zip of XML parts; these limits keep a small file from unpacking into gigabytes. */
export interface UnpackLimits {
  /** All parts together, unpacked. */
  readonly totalBytes: number;
  /** Parts that are held in memory whole (shared strings, styles, the workbook's lists). */
  readonly heldPartBytes: number;
}

export class UnpackLimitError extends Error {}

/** The parts of a zip file in memory, each read as a stream of its unpacked bytes. */
export class ZipParts {
  private unpacked = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: ReadonlyMap<string, yauzl.Entry>,
    private readonly limits: UnpackLimits,
  ) {}

  /** Opens a zip held in memory; rejects when it is not one, or declares more than the limits allow. */
  static open(content: Buffer, limits: UnpackLimits): Promise<ZipParts> {
    return new Promise((resolve, reject) => {
      // Sizes are checked against what each entry declares, and yauzl fails a part that unpacks to more.
      yauzl.fromBuffer(content, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
        if (error !== null || zip === undefined) return reject(error ?? new Error("not a zip file"));
        const entries = new Map<string, yauzl.Entry>();
        let declared = 0;
        zip.on("entry", (entry: yauzl.Entry) => {
          declared += entry.uncompressedSize;
          if (declared > limits.totalBytes) {
            zip.close();
            reject(
              new UnpackLimitError(`the workbook unpacks to more than ${limits.totalBytes / 2 ** 20} MB`),
            );
            return;
          }
          entries.set(entry.fileName, entry);
          zip.readEntry();
        });
        zip.on("end", () => resolve(new ZipParts(zip, entries, limits)));
        zip.on("error", reject);
        zip.readEntry();
      });
    });
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The unpacked size a part declares. */
  size(name: string): number {
    return this.entries.get(name)?.uncompressedSize ?? 0;
  }

  /** The unpacked bytes of a part, chunk by chunk; every chunk counts against the total limit. */
  async *read(name: string): AsyncGenerator<Buffer> {
    const entry = this.entries.get(name);
    if (entry === undefined) return;
    const stream = await new Promise<Readable>((resolve, reject) =>
      this.zip.openReadStream(entry, (error, opened) => (error ? reject(error) : resolve(opened))),
    );
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      this.unpacked += chunk.length;
      if (this.unpacked > this.limits.totalBytes) {
        stream.destroy();
        throw new UnpackLimitError(
          `the workbook unpacks to more than ${this.limits.totalBytes / 2 ** 20} MB`,
        );
      }
      yield chunk;
    }
  }

  /** Refuses a part whose content is kept in memory (shared strings) when it unpacks to more than the limit. */
  checkHeldSize(name: string): void {
    const limit = this.limits.heldPartBytes;
    const entry = this.entries.get(name);
    if (entry !== undefined && entry.uncompressedSize > limit) {
      throw new UnpackLimitError(
        `its part ${name} unpacks to ${Math.ceil(entry.uncompressedSize / 2 ** 20)} MB, more than the ${limit / 2 ** 20} MB a workbook part may hold`,
      );
    }
  }

  close(): void {
    this.zip.close();
  }
}
