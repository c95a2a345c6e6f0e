// Loaded with `--require` into electron-builder and, through NODE_OPTIONS, into every Node process it starts
// (npm list, hooks). Any attempt to resolve a host name or open a TCP connection is written to
// $DENY_NETWORK_LOG and fails, so the offline packaging test proves that packaging fetched nothing.
// Local sockets (a `path`, as IPC uses) stay allowed.
const dns = require('node:dns');
const fs = require('node:fs');
const net = require('node:net');

function refuse(what) {
  if (process.env.DENY_NETWORK_LOG)
    fs.appendFileSync(process.env.DENY_NETWORK_LOG, `${process.pid} ${what}\n`);
  return Object.assign(new Error(`network refused by the offline packaging test: ${what}`), {
    code: 'ECONNREFUSED',
  });
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const local = typeof first === 'string' || (first && typeof first === 'object' && first.path);
  if (local) return connect.apply(this, args);
  const target =
    first && typeof first === 'object' ? `${first.host ?? 'localhost'}:${first.port}` : String(first);
  const error = refuse(`connect ${target}`);
  process.nextTick(() => this.destroy(error));
  return this;
};

for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  dns[name] = (host, ...rest) => {
    const callback = rest.pop();
    process.nextTick(callback, refuse(`dns ${name} ${host}`));
  };
  dns.promises[name] = async (host) => {
    throw refuse(`dns ${name} ${host}`);
  };
}
