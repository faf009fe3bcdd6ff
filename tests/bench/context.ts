import type { ChildProcess } from 'node:child_process';
import type { Report } from './report.js';

/** What every section of the bench gets: the server under test, its database, the report. */
export interface BenchContext {
  server: { child: ChildProcess; url: string };
  /** The owner's session token on that server. */
  ownerToken: string;
  /** The server's JWT_SECRET, so launches seeded in SQL carry tokens it accepts. */
  jwtSecret: string;
  dbUrl: string;
  /** The bench's own database (its backends' CPU is PostgreSQL's share). */
  dbName: string;
  dataDir: string;
  /** Seconds of each timed load. */
  seconds: number;
  report: Report;
  /** Child processes to kill if the run fails. */
  children: ChildProcess[];
}
