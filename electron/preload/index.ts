/**
 * The preload: exactly one function per contract method (each bound to its own IPC channel) and a
 * typed subscription to the contract's events. No generic invoke, no Node APIs.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, CONTRACT_EVENTS, CONTRACT_METHODS, IPC_EVENT_CHANNEL, ipcChannel } from '../../shared/contract-names';

type Listener = (name: string, payload: unknown) => void;

export function buildBridge(invoke: (channel: string, input: unknown) => Promise<unknown>, on: (listener: Listener) => () => void) {
  const methods = Object.fromEntries(CONTRACT_METHODS.map((name) => [name, (input: unknown) => invoke(ipcChannel(name), input)]));
  return Object.freeze({
    ...methods,
    onEvent(listener: Listener): () => void {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return on(listener);
    },
  });
}

const bridge = buildBridge(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (listener) => {
    const handler = (_event: IpcRendererEvent, message: { name?: unknown; payload?: unknown }) => {
      if (typeof message?.name === 'string' && (CONTRACT_EVENTS as readonly string[]).includes(message.name)) listener(message.name, message.payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
);

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
