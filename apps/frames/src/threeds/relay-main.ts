import { runRelay } from './relay.ts';

runRelay(window);
