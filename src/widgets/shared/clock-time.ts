/** A moment as the reader's local time of day, 24-hour: "14:05:09". */
export const clockTime = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour12: false });
