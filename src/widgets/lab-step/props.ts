// <LabStep>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { STEPS } from '../../steps/catalogue.ts';
import { oneOf } from '../shared/one-of.ts';

/** The props with these step ids allowed: the lab's and, when a page is built, the chapters' declared ones. */
export const labStepPropsFor = (ids: readonly string[]) =>
  z.strictObject({
    step: oneOf('step', ids).describe('The step’s id: the lab’s (src/steps/catalogue.ts) or a declared resource’s, `<chapter slug>/<name>`.'),
  });

export const labStepProps = labStepPropsFor(STEPS.map((step) => step.id));
