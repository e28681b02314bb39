// A record keeps only the name of what a step made (`LambdaCRUD`, `FlightFanout ← ccbda-flights`),
// not the inputs, yet finding and removing it takes inputs. A step's name is made of its
// text inputs with fixed words between them, so the lab's default name shows the pattern:
// each input's default value marks where that input goes. Matching a recorded name against
// the pattern gives the inputs back, and nameOf() confirms them.
import type { AnyStep, Place } from './model.ts';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The step's defaults with the inputs the name is made of set from `name`; undefined when the name does not fit. */
export function inputsNamed(step: AnyStep, place: Place, name: string): Record<string, unknown> | undefined {
  const defaults = step.defaults(place) as Record<string, unknown>;
  const defaultName = step.nameOf(defaults);
  if (name === defaultName) return defaults;

  // Longest first, so `ccbda-flights` wins over an input whose value is a part of it.
  const texts = Object.entries(defaults)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')
    .sort((a, b) => b[1].length - a[1].length);
  const slots: string[] = [];
  let pattern = '';
  for (let at = 0; at < defaultName.length;) {
    const input = texts.find(([, value]) => defaultName.startsWith(value, at));
    if (input) {
      slots.push(input[0]);
      pattern += '(.+)';
      at += input[1].length;
    } else {
      pattern += escapeRegExp(defaultName[at]);
      at += 1;
    }
  }
  const match = new RegExp(`^${pattern}$`, 's').exec(name);
  if (!match) return undefined;
  const inputs = { ...defaults };
  for (const [index, slot] of slots.entries()) {
    // The same input twice in a name must have the same value both times.
    if (slots.indexOf(slot) < index && inputs[slot] !== match[index + 1]) return undefined;
    inputs[slot] = match[index + 1];
  }
  return step.nameOf(inputs) === name ? inputs : undefined;
}
