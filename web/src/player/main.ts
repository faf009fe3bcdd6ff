import './player.css';
import { AuthError } from './commit-queue.js';
import { readLaunchParams } from './launch-params.js';
import { fetchPlayerSession, type PlayerSession } from './player-api.js';
import { Player } from './player.js';
import { showError } from './player-view.js';

/** The player page's entry: reads the launch, loads its session, hands over to the Player. */
const EXPIRED = 'This launch link has expired or is not valid. Ask for a new link.';

async function start(): Promise<void> {
  const params = readLaunchParams();
  if (!params) return showError(EXPIRED, null);
  let playerSession: PlayerSession;
  try {
    playerSession = await fetchPlayerSession(params.token);
  } catch (err) {
    return showError(
      err instanceof AuthError
        ? EXPIRED
        : 'The course could not be loaded. Check your connection and reload the page.',
      params.relay,
    );
  }
  new Player(playerSession, params).run();
}

void start();
