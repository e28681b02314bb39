// A PythonCell's island: the code cell, with the student's edits kept on this device
// (saved-code.ts) and brought back on the next visit. Exercises keep theirs with their
// progress (ExerciseCell.tsx).
import { useEffect, useState } from 'preact/hooks';
import CodeCell, { type CodeCellProps } from './CodeCell.tsx';
import { keepText, loadKeptText } from '../shared/kept-text.ts';
import { savedCodeKey } from './saved-code.ts';

export default function SavedCell(props: Omit<CodeCellProps, 'restoredCode' | 'onCodeChange' | 'onReset'>) {
  const [key, setKey] = useState<string>();
  const [restoredCode, setRestoredCode] = useState<string>();

  // In the browser only: the server's HTML shows the original.
  useEffect(() => {
    const found = savedCodeKey(location.pathname, props.code);
    setKey(found);
    setRestoredCode(loadKeptText(found));
  }, [props.code]);

  return (
    <CodeCell
      {...props}
      restoredCode={restoredCode}
      onCodeChange={(code) => key && keepText(key, code, props.code)}
      onReset={() => key && keepText(key, props.code, props.code)}
    />
  );
}
