import { storeContract } from '../shared/store-contract';
import { clearCatalog, d1Store } from './support';

storeContract('D1', async () => {
  await clearCatalog();
  return d1Store();
});
