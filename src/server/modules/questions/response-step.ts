// How many of a group answered is shown as a step, never as a count: a count that moves by
// one right after someone answers tells that they did, and the exact count at the close tells, for a
// group where all answered, that each of them did.
//
// The counts 0..audience are cut into steps of `width` (the threshold) from 0, and a last step shorter
// than that joins the one before. So every step holds at least `width` counts, "all of them answered"
// always shares its step with at least width − 1 other counts, and one answer moves the figure only when
// it crosses a step's edge (while a round is open, moreover, only the day's figure is shown).

export interface Step {
  min: number;
  max: number;
}

export function responseStep(audience: number, respondents: number, width: number): Step {
  const steps = Math.floor((audience + 1) / width);
  if (steps <= 1) return { min: 0, max: audience };
  const j = Math.min(Math.floor(Math.max(0, respondents) / width), steps - 1);
  return { min: j * width, max: j === steps - 1 ? audience : j * width + width - 1 };
}

/** The step as shares of the audience (the response rate). */
export function responseRateStep(audience: number, respondents: number, width: number): Step | null {
  if (audience <= 0) return null;
  const { min, max } = responseStep(audience, respondents, width);
  return { min: min / audience, max: max / audience };
}
