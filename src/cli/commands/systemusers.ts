import type { Command } from 'commander';
import type { SystemUserInfo, SystemUserRequestInfo } from '../../common/contract/systems';
import { terminalQr } from '../../node/systems/approval-qr';
import { type CliContext, UsageError } from '../context';
import { repeat, VENDOR_PROFILE_OPTION, type VendorOptions, vendorProfileId } from './vendor-profile';

/** `mpd systemusers status` exit codes: accepted 0; rejected, denied or timed out 1; still waiting 3. */
export const STILL_WAITING_EXIT = 3;

/** `mpd systemusers …`: requests for system users, their approval, and the system users (docs/system-vendors.md §2). */
export function registerSystemUsersCommands(program: Command, ctx: CliContext): void {
  const users = program
    .command('systemusers')
    .description('Ask customers for system users, follow their approval, list system users, make profiles for them');

  users
    .command('request')
    .description('Ask a customer for a system user; prints the request id (the approval link goes to stderr)')
    .requiredOption('--system <id>', 'the system id')
    .requiredOption('--customer <orgno>', "the customer's organisation number")
    .option('--external-ref <ref>', "your own reference for the customer (default: the customer's org number)")
    .option('--agent', 'an agent (client) system user, for e.g. an accountant with clients: access packages only')
    .option('--resource <id>', 'ask only for this right (repeatable; default: every right of the system)', repeat)
    .option(
      '--access-package <urn>',
      'ask only for this access package (repeatable; default: all of the system)',
      repeat,
    )
    .option('--redirect-url <url>', 'where Altinn sends the customer afterwards (one of the system’s redirect URLs)')
    .option('--title <text>', 'the name the customer sees (default: the system name)')
    .option('--qr', 'also print the approval link as a QR code')
    .option(
      '--renew',
      'when Altinn answers with a request it already has (e.g. a rejected one): delete it and ask again',
    )
    .option(...VENDOR_PROFILE_OPTION)
    .option('--yes-production', 'confirm a request to a real customer in production')
    .option('--json', 'print JSON')
    .action(
      async (
        options: VendorOptions & {
          system: string;
          customer: string;
          externalRef?: string;
          agent?: boolean;
          resource?: string[];
          accessPackage?: string[];
          redirectUrl?: string;
          title?: string;
          qr?: boolean;
          renew?: boolean;
        },
      ) => {
        if (options.agent && options.resource) throw new UsageError('An agent request carries access packages only');
        const { request, reused, replaced } = await ctx.services.systems.createRequest({
          vendorProfileId: await vendorProfileId(ctx, options.vendorProfile),
          systemId: options.system,
          partyOrgNo: options.customer.replace(/\s/g, ''),
          externalRef: options.externalRef,
          agent: options.agent === true,
          resourceIds: options.resource,
          accessPackages: options.accessPackage,
          redirectUrl: options.redirectUrl,
          integrationTitle: options.title,
          renew: options.renew === true,
          confirmProduction: options.yesProduction === true,
        });
        // An old request that was refused cannot be answered: the customer was not asked (exit 1).
        if (reused && (request.status === 'rejected' || request.status === 'denied')) ctx.exitCode = 1;
        if (options.json) return ctx.json({ request, reused, ...(replaced ? { replaced } : {}) });
        ctx.print(request.id);
        const err = (line: string) => ctx.io.stderr(`${line}\n`);
        if (reused) for (const line of reusedLines(request)) err(line);
        else if (replaced) {
          err(`Deleted the old request ${replaced.id} (${replaced.status}) and asked ${request.partyOrgNo} again.`);
        } else err(`Asked ${request.partyOrgNo} for a ${request.kind} system user on ${request.systemId}.`);
        describeRequest(request, err, options.qr === true);
      },
    );

  users
    .command('status')
    .description(
      'Show a request; exit 0 when accepted, 1 when rejected, denied or timed out, 3 while it waits (with --wait: until it is answered)',
    )
    .argument('<request>', 'the request id')
    .option('--wait', 'read again, less and less often, until the customer answers')
    .option('--timeout <seconds>', 'with --wait: give up after this long (exit 1)')
    .option('--agent', 'an agent request (default: found either way)')
    .option('--qr', 'print the approval link as a QR code while the request waits')
    .option(...VENDOR_PROFILE_OPTION)
    .option('--json', 'print JSON')
    .action(
      async (
        requestId: string,
        options: VendorOptions & { wait?: boolean; timeout?: string; agent?: boolean; qr?: boolean },
      ) => {
        const timeoutMs = options.timeout === undefined ? undefined : seconds(options.timeout) * 1000;
        if (timeoutMs !== undefined && !options.wait) throw new UsageError('--timeout goes with --wait');
        const vendor = await vendorProfileId(ctx, options.vendorProfile);
        const kind = options.agent ? 'agent' : undefined;
        let shown = false;
        const request = options.wait
          ? await ctx.services.systems.waitForDecision(vendor, requestId, kind, {
              timeoutMs,
              onPoll: (r) => {
                if (shown || options.json) return;
                shown = true;
                ctx.io.stderr(`Waiting for ${r.partyOrgNo} to answer request ${r.id} …\n`);
                if (r.status === 'new') describeRequest(r, (line) => ctx.io.stderr(`${line}\n`), options.qr === true);
              },
            })
          : await ctx.services.systems.requestStatus(vendor, requestId, kind);
        ctx.exitCode = request.status === 'accepted' ? 0 : request.status === 'new' ? STILL_WAITING_EXIT : 1;
        if (options.json) return ctx.json(request);
        ctx.print(
          `${request.status}  ${request.id}  ${request.kind}  customer ${request.partyOrgNo}  system ${request.systemId}`,
        );
        if (request.status === 'accepted') {
          ctx.print(
            `The system user exists. Make a profile for it: mpd systemusers make-profile --system ${request.systemId} --system-user ${request.id} --client-profile <profile> --name <name>`,
          );
        } else if (request.status === 'new' && !options.wait) {
          describeRequest(request, (line) => ctx.print(line), options.qr === true);
        } else if (request.status !== 'new') {
          ctx.print(
            request.status === 'timed-out'
              ? 'Nobody answered in 180 days. Send a new request.'
              : 'The customer said no. Send a new request (with another --external-ref) when they are ready.',
          );
        }
      },
    );

  users
    .command('requests')
    .description('List the requests of a system (standard and agent), newest first')
    .requiredOption('--system <id>', 'the system id')
    .option(...VENDOR_PROFILE_OPTION)
    .option('--json', 'print JSON')
    .action(async (options: VendorOptions & { system: string }) => {
      const list = await ctx.services.systems.listRequests(
        await vendorProfileId(ctx, options.vendorProfile),
        options.system,
      );
      if (options.json) return ctx.json(list);
      if (list.length === 0) return ctx.print(`No requests for ${options.system}.`);
      for (const r of list) {
        ctx.print(`${r.status.padEnd(9)}  ${r.id}  ${r.kind.padEnd(8)}  ${r.partyOrgNo}  externalRef ${r.externalRef}`);
      }
    });

  users
    .command('list')
    .description("List a system's system users (the requests customers approved)")
    .requiredOption('--system <id>', 'the system id')
    .option(...VENDOR_PROFILE_OPTION)
    .option('--json', 'print JSON')
    .action(async (options: VendorOptions & { system: string }) => {
      const list = await ctx.services.systems.listSystemUsers(
        await vendorProfileId(ctx, options.vendorProfile),
        options.system,
      );
      if (options.json) return ctx.json(list);
      if (list.length === 0) return ctx.print(`${options.system} has no system users yet.`);
      for (const u of list) ctx.print(describeUser(u));
    });

  users
    .command('make-profile')
    .description('Add a client profile that gets system-user tokens for an accepted system user')
    .requiredOption('--system <id>', 'the system id')
    .requiredOption('--system-user <id>', 'the system user id (the id of the accepted request)')
    .requiredOption(
      '--client-profile <profile>',
      'a profile whose client id is on the system; its key signs the grants',
    )
    .requiredOption('--name <name>', 'the new profile name')
    .option('--scope <scope>', "the API scope (repeatable; default: the client profile's)", repeat)
    .option(...VENDOR_PROFILE_OPTION)
    .option('--json', 'print JSON')
    .action(
      async (
        options: VendorOptions & {
          system: string;
          systemUser: string;
          clientProfile: string;
          name: string;
          scope?: string[];
        },
      ) => {
        const vendor = await vendorProfileId(ctx, options.vendorProfile);
        const client = await ctx.services.profiles.find(options.clientProfile);
        const profile = await ctx.services.systems.makeProfile({
          vendorProfileId: vendor,
          systemId: options.system,
          systemUserId: options.systemUser,
          clientProfileId: client.id,
          name: options.name,
          scopes: options.scope,
        });
        if (options.json) return ctx.json(profile);
        ctx.print(profile.id);
        ctx.io.stderr(
          `Added profile "${profile.name}": system user of ${profile.systemUser?.org}${profile.systemUser?.externalRef ? ` (externalRef ${profile.systemUser.externalRef})` : ''}. Get a token with: mpd token --profile "${profile.name}" --decode\n`,
        );
      },
    );
}

function describeRequest(r: SystemUserRequestInfo, write: (line: string) => void, qr: boolean): void {
  if (r.externalRefInGrant) write(`externalRef ${r.externalRef}: system-user grants must carry it (else MP-303).`);
  if (r.status !== 'new' || !r.confirmUrl) return;
  write(`Send this link to the customer to approve in Altinn: ${r.confirmUrl}`);
  if (qr) write(terminalQr(r.confirmUrl));
}

/**
 * Altinn answered 200 with the request it already had for the system, customer and externalRef, whatever its
 * status (RequestSystemUserController.cs:122-128): say which, and how to ask again.
 */
function reusedLines(r: SystemUserRequestInfo): string[] {
  const when = r.created ? ` (made ${r.created})` : '';
  const head = `Altinn answered with the request it already has for ${r.systemId}, customer ${r.partyOrgNo} and externalRef ${r.externalRef}: ${r.id}, ${r.status}${when}.`;
  const renew = 'run the same command with --renew';
  switch (r.status) {
    case 'new':
      return [head, `It still waits for the customer; the link is the same. To replace it with a new one, ${renew}.`];
    case 'accepted':
      return [
        head,
        `The customer approved it earlier. If they have since deleted the system user, ${renew} to delete the request and ask again.`,
      ];
    default:
      return [head, `The customer was not asked again. To delete that request and ask again, ${renew}.`];
  }
}

function describeUser(u: SystemUserInfo): string {
  const ref = u.externalRefInGrant ? `  externalRef ${u.externalRef}` : '';
  const profiles = u.profileIds.length ? `  profiles ${u.profileIds.join(',')}` : '';
  return `${u.id}  ${u.kind.padEnd(8)}  ${u.reporteeOrgNo}${ref}${profiles}`;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout must be a number of seconds, not "${value}"`);
  return n;
}
