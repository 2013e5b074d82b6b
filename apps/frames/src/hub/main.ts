import { startHubPage } from './start.ts';

startHubPage(window);
