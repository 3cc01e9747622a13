/**
 * The unit of a bench report: one measured figure, how it compares with its reference in the
 * same run, and the goal it is held to.
 */

/** A goal on a figure's value or on its ratio to the reference. */
export interface Goal {
  readonly on: 'value' | 'ratio';
  readonly op: '>=' | '<=';
  readonly target: number;
  /** Whether the goal is met; `null` when the figure was not measured. */
  readonly met: boolean | null;
}

/** One figure of the report. */
export interface Figure {
  /** Stable identifier, e.g. `authorizer.deployed.vsFloor`. */
  readonly id: string;
  readonly label: string;
  /** The measurement (a median unless the label says otherwise); `null` when not measured. */
  readonly value: number | null;
  readonly unit: string;
  /** `value` divided by the reference's value measured in the same run. */
  readonly ratio: number | null;
  /** What `ratio` compares with. */
  readonly ratioTo: string | null;
  readonly goal: Goal | null;
  readonly note?: string;
}

/** Evaluates `goal` against a figure's value or ratio. */
function met(goal: Omit<Goal, 'met'>, value: number | null, ratio: number | null): boolean | null {
  const actual = goal.on === 'value' ? value : ratio;
  if (actual === null || !Number.isFinite(actual)) return null;
  return goal.op === '>=' ? actual >= goal.target : actual <= goal.target;
}

/**
 * Builds a figure and evaluates its goal.
 *
 * @example
 * figure({ id: 'x', label: 'X', value: 10, unit: 'ms', goal: { on: 'value', op: '<=', target: 20 } });
 */
export function figure(input: {
  readonly id: string;
  readonly label: string;
  readonly value: number | null;
  readonly unit: string;
  readonly reference?: { readonly label: string; readonly value: number | null } | { readonly label: string; readonly ratio: number | null };
  readonly goal?: Omit<Goal, 'met'>;
  readonly note?: string;
}): Figure {
  const { reference } = input;
  let ratio: number | null = null;
  if (reference !== undefined) {
    if ('ratio' in reference) ratio = reference.ratio;
    else if (input.value !== null && reference.value !== null && reference.value !== 0) ratio = input.value / reference.value;
  }
  return {
    id: input.id,
    label: input.label,
    value: input.value,
    unit: input.unit,
    ratio,
    ratioTo: reference?.label ?? null,
    goal: input.goal === undefined ? null : { ...input.goal, met: met(input.goal, input.value, ratio) },
    ...(input.note === undefined ? {} : { note: input.note }),
  };
}

/** A figure that could not be measured in this run, with the reason. */
export function notMeasured(id: string, label: string, unit: string, reason: string, goal?: Omit<Goal, 'met'>): Figure {
  return figure({ id, label, value: null, unit, ...(goal === undefined ? {} : { goal }), note: `not measured: ${reason}` });
}
