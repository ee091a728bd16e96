import type { AppLoadContext } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import type { RequestContext } from "~/modules/audit/record.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    requestId: string;
    clientIp: string;
    cspNonce: string;
  }
}

/** The request id and client address the server attached (server.js), for audit events. */
export function requestContext(context: AppLoadContext | undefined): RequestContext {
  return { requestId: context?.requestId ?? randomUUID(), ip: context?.clientIp ?? "" };
}
