import type { MailProbes } from '../../main/mail/probes';

const refuse = () => Promise.reject(new Error('this test must not touch the network'));

/** For tests of code that must not reach a mail server: any probe call fails the test. */
export const noNetwork: MailProbes = { discover: refuse, verifyIncoming: refuse, verifyOutgoing: refuse };
