import { getTableConfig, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import { getTableColumns, SQL } from "drizzle-orm";
import type { Tx } from "./client";

/**
 * `insert into <table> (…) values (…)` for ONE row, with its SQL text built once per process and per
 * set of columns, then reused — for the hot path of report submission, whose six inserts drizzle's
 * builder re-assembled on every request (≈ 10 % of a submission's CPU in the profile, docs/BENCHMARKS.md:
 * every value wrapped, every chunk type-checked, the whole text joined again). Values go through each
 * column's own mapToDriverValue, and a missing key gets the column's $defaultFn as drizzle would,
 * else the database default — the row stored is the row drizzle would store (tests/integration/insert-row).
 * Awaiting it runs it on the transaction; pipeline() sends it with the others. Values must be plain
 * values: an `sql` expression falls back to drizzle's builder.
 */
export class InsertRow {
  constructor(
    private readonly tx: Tx,
    readonly table: PgTable,
    readonly row: Record<string, unknown>,
    readonly conflictTarget: PgColumn[] | null,
  ) {}

  /** drizzle's builder for the same insert (PGlite, and rows holding `sql` expressions). */
  builder() {
    const insert = this.tx.insert(this.table).values(this.row as never);
    return this.conflictTarget ? insert.onConflictDoNothing({ target: this.conflictTarget }) : insert;
  }

  toSQL(): { sql: string; params: unknown[] } {
    const shape = shapeOf(this.table);
    const included: [string, PgColumn][] = [];
    const params: unknown[] = [];
    for (const [key, column] of shape.columns) {
      let value = this.row[key];
      if (value === undefined) {
        if (column.defaultFn) value = column.defaultFn();
        else if (column.default === undefined && column.onUpdateFn) value = column.onUpdateFn();
        else continue;
      }
      if (value instanceof SQL) return this.builder().toSQL();
      included.push([key, column]);
      params.push(value === null ? null : column.mapToDriverValue(value));
    }
    const signature = `${included.map(([key]) => key).join(",")}|${this.conflictTarget?.map((c) => c.name).join(",") ?? ""}`;
    let text = shape.texts.get(signature);
    if (!text) {
      const names = included.map(([, c]) => `"${c.name}"`).join(", ");
      const values = included.map((_, i) => `$${i + 1}`).join(", ");
      const conflict = this.conflictTarget ? ` on conflict (${this.conflictTarget.map((c) => `"${c.name}"`).join(",")}) do nothing` : "";
      text = `insert into ${shape.name} (${names}) values (${values})${conflict}`;
      shape.texts.set(signature, text);
    }
    return { sql: text, params };
  }

  then<R1 = unknown, R2 = never>(onfulfilled?: ((value: unknown) => R1 | PromiseLike<R1>) | null, onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null) {
    return this.run().then(onfulfilled, onrejected);
  }

  private async run(): Promise<unknown> {
    const client = (this.tx as unknown as { session: { client: { unsafe?: (q: string, p: unknown[]) => Promise<unknown> } } }).session.client;
    // postgres.js (unsafe): the cached text; PGlite: drizzle's builder.
    if (typeof client.unsafe !== "function") return this.builder();
    const { sql, params } = this.toSQL();
    return client.unsafe(sql, params);
  }
}

type Shape = { name: string; columns: [string, PgColumn][]; texts: Map<string, string> };
const shapes = new WeakMap<PgTable, Shape>();

function shapeOf(table: PgTable): Shape {
  let shape = shapes.get(table);
  if (!shape) {
    const config = getTableConfig(table);
    // Keys as the schema names them (camelCase), in the table's column order.
    const keyed = Object.entries(getTableColumns(table)) as [string, PgColumn][];
    shape = { name: `${config.schema ? `"${config.schema}".` : ""}"${config.name}"`, columns: keyed, texts: new Map() };
    shapes.set(table, shape);
  }
  return shape;
}

/** One row into a table, as `tx.insert(table).values(row)` (optionally `.onConflictDoNothing({ target })`). */
export function insertRow<T extends PgTable>(tx: Tx, table: T, row: T["$inferInsert"], onConflictDoNothing?: PgColumn[]): InsertRow {
  return new InsertRow(tx, table, row as Record<string, unknown>, onConflictDoNothing ?? null);
}
