// A Learner Lab account works in two regions only. Every other region's call is
// refused before its service looks at it, with IAM's access-denied message in
// that service's own protocol (AccessDeniedException for JSON services, AccessDenied
// for query ones). Each service gets the check wrapped around it at start (sandbox/index.ts).
import type { CallerIdentity, Service } from '../protocol/service.ts';
import { LEARNER_LAB_REGIONS } from './regions.ts';

/**
 * Calls no region limit applies to: STS's GetCallerIdentity needs no permission and an explicit deny
 * cannot stop it (STS API reference, GetCallerIdentity), and IAM is global, signed for us-east-1,
 * so AWS's own region-limiting policy leaves `iam:*` out (IAM User Guide, "AWS: Denies access to
 * AWS based on the requested Region").
 */
function regionless(service: string, action: string): boolean {
  return service === 'iam' || (service === 'sts' && action === 'GetCallerIdentity');
}

/**
 * The refusal's text, in IAM's form "User: <arn> is not authorized to perform: <service>:<action> …".
 * Where the Learner Lab sets its limit (a service control policy or the voclabs role's own policy)
 * no public report shows; the service control policy is the usual place for a region limit
 * (AWS Organizations User Guide, SCP examples). AWS also names the resource where the action has
 * one; the sandbox leaves it out rather than build every service's ARNs.
 */
export function regionDenialMessage(caller: CallerIdentity, service: string, action: string, region: string): string | undefined {
  if (LEARNER_LAB_REGIONS.includes(region) || regionless(service, action)) return undefined;
  return `User: ${caller.arn} is not authorized to perform: ${service}:${action} with an explicit deny in a service control policy`;
}

/** `service`, refusing what the Learner Lab refuses in other regions. */
export function withLearnerLabRegions(service: Service): Service {
  return {
    ...service,
    handle(req) {
      const { caller, region } = req;
      if (!caller) return service.handle(req);
      return service.handle({
        ...req,
        authorize(action) {
          const denial = regionDenialMessage(caller, service.signingName, action, region);
          if (denial) throw service.protocol.accessDenied(denial);
        },
      });
    },
  };
}
