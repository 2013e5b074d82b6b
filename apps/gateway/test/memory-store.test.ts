import { MemoryStore } from '../src/store/memory-store.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('memory', () => new MemoryStore());
