// <CheckMyWork>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { CHECK_LIST } from '../../steps/check-list.ts';
import { oneOf } from '../shared/one-of.ts';

export const checkMyWorkProps = z.strictObject({
  check: oneOf(
    'check',
    CHECK_LIST.map((check) => check.id),
  ).describe('Which check (src/steps/check-list.ts).'),
});
