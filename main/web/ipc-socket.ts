import type { RawData, WebSocket } from 'ws';
import type { Envelope } from '../../shared/ipc/envelope';
import { parseClientMessage, recoverInvokeId, type ServerMessage } from '../../shared/ipc/wire';
import type { EventBus } from '../ipc/event-bus';
import type { Dispatcher } from '../ipc/dispatcher';

const MALFORMED: Envelope<never> = {
  ok: false,
  error: { code: 'invalid_input', message: 'The request frame was not a valid Letterbox invoke message.' },
};

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

/**
 * One browser page's connection: invokes go to the same dispatcher as Electron IPC (which
 * validates channel and input), events from the bus go out to the page. Nothing a client sends
 * can throw out of here; a frame we cannot use is answered when it has an id, else dropped.
 */
export function serveIpcSocket(socket: WebSocket, dispatcher: Dispatcher, bus: EventBus): void {
  const send = (message: ServerMessage) => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(JSON.stringify(message), (error) => {
      if (error) socket.terminate();
    });
  };

  const unsubscribe = bus.subscribe((event, payload) => send({ type: 'event', event, payload }));

  socket.on('message', (data, isBinary) => {
    const text = isBinary ? '' : textOf(data);
    const message = parseClientMessage(text);
    if (message === null) {
      const id = recoverInvokeId(text);
      if (id !== null) send({ type: 'result', id, envelope: MALFORMED });
      return;
    }
    void dispatcher
      .dispatch(message.channel, message.input, { transport: 'web' })
      .then((envelope) => send({ type: 'result', id: message.id, envelope }));
  });

  socket.on('close', unsubscribe);
  // ws reports protocol violations (an oversized frame, bad UTF-8) here and then closes the
  // socket; without a listener the error would be thrown and take the server down.
  socket.on('error', () => socket.terminate());
}
