import { randomInt } from 'node:crypto';
import type { DocumentStore } from './storage/document-store.ts';

/** The sandbox's one AWS account, fixed per data directory (a Learner Lab gives each student one account). */
export interface Account {
  /** 12 digits */
  accountId: string;
  /** RoleId of the `voclabs` role the Learner Lab's sessions assume, AROA + 17 characters. */
  voclabsRoleId: string;
  /** The session name's user part, e.g. user2345678 as in …:assumed-role/voclabs/user2345678=student */
  sessionUser: string;
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomString(length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export const randomUpperAlnum = (length: number) => randomString(length, UPPER_ALNUM);

export async function loadAccount(storage: DocumentStore): Promise<Account> {
  const existing = await storage.read<Account>('account');
  if (existing) return existing;
  const account: Account = {
    // No leading zero, so the id never looks shorter when read as a number.
    accountId: String(randomInt(1, 10)) + randomString(11, '0123456789'),
    voclabsRoleId: `AROA${randomUpperAlnum(17)}`,
    sessionUser: `user${randomString(7, '0123456789')}`,
  };
  await storage.write('account', account);
  return account;
}
