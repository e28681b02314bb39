// <CheckMyWork>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';
import { CHECK_LIST } from '../../steps/check-list.ts';
import { oneOf } from '../shared/one-of.ts';

/** The props with these check ids allowed: the lab's and, when a page is built, each declaring chapter's `<slug>/resources`. */
export const checkMyWorkPropsFor = (ids: readonly string[]) =>
  z.strictObject({
    check: oneOf('check', ids).describe('Which check: the lab’s (src/steps/check-list.ts), or `<chapter slug>/resources` for a chapter’s declared resources.'),
  });

export const checkMyWorkProps = checkMyWorkPropsFor(CHECK_LIST.map((check) => check.id));
