/** Starts the bridge by hand (for benchmarks and manual looks): `tsx e2e/bridge/main.ts`. */
import { startBridgeHost } from './host';

const host = await startBridgeHost();
console.log(`bridge: ${host.url}`);
const stop = () => void host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
