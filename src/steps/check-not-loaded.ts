// A check whose code could not be fetched, as Check my work and Progress both report it:
// Progress's list says it before any of the widget's own code has loaded (progress-view.ts).
export const CHECK_NOT_LOADED = 'CheckNotLoaded';

export const checkNotLoadedMessage = (error: unknown) => `The check’s code did not load: ${error instanceof Error ? error.message : String(error)}`;

export const CHECK_NOT_LOADED_HINT = 'The page could not fetch the check from labbook’s server. Is the server still running? Reload the page and check again.';
