/** The sidebar link's attribute listing what completes its chapter (JSON: checks and exercises). */
export const COMPLETION_ATTRIBUTE = 'data-lb-completion';
