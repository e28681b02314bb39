// A widget's props error names the line of the tag that has those props, however the tag is written.
import { expect, test } from 'vitest';
import { sourceLineOf } from '../../src/widgets/shared/source-line.ts';

const CHAPTER = `---
title: A chapter
---
<PythonCell code={\`if a > b: print("{")\`} title="First" />

<PythonCell
  title="Second"
  code={\`x = {'k': '}'}\`}
  timeout={3}
/>

<PythonCell title="Third" code={\`y\`} />
`;

test('the tag with the same props and the same text values', () => {
  expect(sourceLineOf(CHAPTER, 'PythonCell', { code: 'if a > b: print("{")', title: 'First' })).toBe(4);
  expect(sourceLineOf(CHAPTER, 'PythonCell', { title: 'Second', code: "x = {'k': '}'}", timeout: 3 })).toBe(6);
  expect(sourceLineOf(CHAPTER, 'PythonCell', { title: 'Third', code: 'y' })).toBe(12);
});

test('no line when no tag was written with those props', () => {
  expect(sourceLineOf(CHAPTER, 'PythonCell', { title: 'Fourth', code: 'y' })).toBeUndefined();
  expect(sourceLineOf(CHAPTER, 'LabStep', { step: 'x' })).toBeUndefined();
});
