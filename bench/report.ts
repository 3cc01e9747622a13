/**
 * The bench's outputs: one markdown table for people, one JSON document for the record.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Figure, Goal } from './figures.ts';
import type { Contention, MachineInfo } from './machine.ts';

/** Everything `bench/results/latest.json` holds. */
export interface BenchReport {
  readonly date: string;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  readonly contention: Contention;
  readonly figures: readonly Figure[];
  /** Goals met, missed, and not evaluated (figure not measured). */
  readonly goals: { readonly met: number; readonly missed: number; readonly notEvaluated: number };
  /** The sizes each part ran with, and the medians and samples behind the figures. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** Counts goals by outcome. */
export function countGoals(figures: readonly Figure[]): BenchReport['goals'] {
  const goals = figures.flatMap((figure) => (figure.goal === null ? [] : [figure.goal]));
  return {
    met: goals.filter((goal) => goal.met === true).length,
    missed: goals.filter((goal) => goal.met === false).length,
    notEvaluated: goals.filter((goal) => goal.met === null).length,
  };
}

/** A number for a table cell: thousands separated when large, 3 significant digits otherwise. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function goalText(goal: Goal, unit: string): string {
  const op = goal.op === '>=' ? '≥' : '≤';
  return goal.on === 'ratio' ? `ratio ${op} ${goal.target}` : `${op} ${goal.target} ${unit}`;
}

function metText(goal: Goal | null): string {
  if (goal === null) return '';
  if (goal.met === null) return 'not measured';
  return goal.met ? 'yes' : '**no**';
}

/** One line, pipes escaped, long text cut (the JSON keeps all of it). */
const cell = (text: string) => {
  const line = text.replace(/\s+/g, ' ').replaceAll('|', '\\|');
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
};

/** The one markdown table the bench prints. */
export function markdownTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => [
    figure.label,
    figure.value === null ? '—' : `${formatNumber(figure.value)} ${figure.unit}`,
    figure.ratioTo === null || figure.ratio === null ? '' : `${formatNumber(figure.ratio)}× ${figure.ratioTo}`,
    figure.goal === null ? '' : goalText(figure.goal, figure.unit),
    metText(figure.goal),
    figure.note ?? '',
  ]);
  const header = ['Figure', 'Value', 'Ratio', 'Goal', 'Met', 'Notes'];
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n');
}

/** Writes the report as indented JSON, creating the folder. */
export function writeReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
