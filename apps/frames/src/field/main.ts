import './field.css';
import { startFieldPage } from './start.ts';

startFieldPage(window);
