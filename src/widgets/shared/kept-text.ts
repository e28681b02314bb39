// Text a student wrote, kept on this device (localStorage) under a key of the widget's
// choosing, so a reload or the next day brings it back. Text equal to the widget's original
// needs no keeping. Storage that is full or blocked only loses the text.

export function loadKeptText(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function keepText(key: string, text: string, original: string): void {
  try {
    if (text === original) localStorage.removeItem(key);
    else localStorage.setItem(key, text);
  } catch {
    // Full or blocked storage: the text is only lost, as said above.
  }
}
