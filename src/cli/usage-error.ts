/** A command line labbook cannot act on: main prints the message with the command's usage. */
export class UsageError extends Error {}
