// A step seen through other inputs: the same resource, found, made, checked and removed
// by the same code, with inputs named or shaped for where it is used. Task 8.2 wires three
// functions into one API, so its steps call each function by its role (`connectFunction`),
// which a sequence can then share across the integration, route and permission steps;
// and its function steps take the connections table's name, which becomes TABLE_NAME.
import type { InputField, Place, Step } from './model.ts';

export interface InputsView<O, I> {
  fields: readonly InputField<O>[];
  defaults: (place: Place) => O;
  /** The wrapped step's inputs for these. */
  inner: (outer: O) => I;
}

export function adaptedStep<O, I, F>(step: Step<I, F>, view: InputsView<O, I>): Step<O, F> {
  const { inner } = view;
  return {
    id: step.id,
    title: step.title,
    fields: view.fields,
    defaults: view.defaults,
    nameOf: (inputs) => step.nameOf(inner(inputs)),
    find: (ctx, inputs) => step.find(ctx, inner(inputs)),
    create: (ctx, inputs) => step.create(ctx, inner(inputs)),
    update: step.update && ((ctx, inputs, found) => step.update!(ctx, inner(inputs), found)),
    waitReady: (ctx, inputs) => step.waitReady(ctx, inner(inputs)),
    check: (ctx, inputs) => step.check(ctx, inner(inputs)),
    remove: (ctx, inputs) => step.remove(ctx, inner(inputs)),
    cli: (inputs, place) => step.cli(inner(inputs), place),
    ...(step.tagged && { tagged: step.tagged }),
  };
}

type Named = Record<string, unknown>;

/**
 * The step with some of its inputs renamed, e.g. `{ functionName: 'connectFunction' }`:
 * its fields and defaults carry the new names, and the step gets its own names back.
 */
export function renamedInputs<I extends object, F>(step: Step<I, F>, renames: Partial<Record<keyof I & string, string>>): Step<Named, F> {
  const rename = (name: string) => renames[name as keyof I & string] ?? name;
  const original = new Map(Object.entries(renames).map(([from, to]) => [to as string, from]));
  return adaptedStep<Named, I, F>(step, {
    fields: step.fields.map((field) => ({ ...field, name: rename(field.name) })),
    defaults: (place) => Object.fromEntries(Object.entries(step.defaults(place) as Named).map(([name, value]) => [rename(name), value])),
    inner: (outer) => Object.fromEntries(Object.entries(outer).map(([name, value]) => [original.get(name) ?? name, value])) as I,
  });
}
