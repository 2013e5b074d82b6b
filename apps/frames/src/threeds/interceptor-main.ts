import { runInterceptor } from './interceptor.ts';

void runInterceptor(window);
