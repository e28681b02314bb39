// <LabStep>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { STEPS } from '../../steps/catalogue.ts';
import { oneOf } from '../shared/one-of.ts';

export const labStepProps = z.strictObject({
  step: oneOf(
    'step',
    STEPS.map((step) => step.id),
  ).describe('The step’s id (src/steps/catalogue.ts).'),
});
