import { sendJson } from '../http/respond.js';
import type { Route } from '../http/route.js';
import { commitBeacon } from './commit-beacon.js';

/** `POST /api/runtime/commits`: the player's flush on pagehide, from the content origin. */
export const commitBeaconRoute: Route = {
  method: 'POST',
  path: '/api/runtime/commits',
  crossOrigin: true,
  async handle({ services, req, res }) {
    sendJson(res, 200, await commitBeacon(services, req));
  },
};
