import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One figure of the bench, beside its baseline from the same run. */
export interface Row {
  figure: string;
  value: string;
  baseline: string;
  target: string;
  met: boolean;
}

/** What a run measured: the printed rows and the raw figures written to .bench/results.json. */
export class Report {
  readonly rows: Row[] = [];
  readonly results: Record<string, unknown> = {};

  record(figure: string, value: string, baseline: string, target: string, met: boolean): void {
    this.rows.push({ figure, value, baseline, target, met });
  }

  /** Prints the table and writes `.bench/results.json` under `root`. */
  async write(root: string): Promise<void> {
    console.table(
      this.rows.map((r) => ({
        figure: r.figure,
        courier: r.value,
        baseline: r.baseline,
        target: r.target,
        met: r.met ? 'yes' : 'NO',
      })),
    );
    await mkdir(path.join(root, '.bench'), { recursive: true });
    await writeFile(
      path.join(root, '.bench/results.json'),
      JSON.stringify(
        { at: new Date().toISOString(), rows: this.rows, results: this.results },
        null,
        2,
      ),
    );
    console.log('wrote .bench/results.json');
  }
}

export function progress(step: string): void {
  console.error(`[bench] ${step}`);
}
