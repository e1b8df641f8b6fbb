/**
 * The public events of `<anubhav-feedback>`. Each is a typed `Event` subclass
 * with a read-only `detail`; all bubble and cross shadow roots, so a page can
 * listen on `document`.
 */
import type { FeedbackPayload } from './schema.js';

const init = { bubbles: true, composed: true };

/** Fired before anything is stored or sent. Cancel it to stop the submit. */
export class FeedbackSubmitEvent extends Event {
  static readonly eventName = 'feedback-submit';
  constructor(readonly detail: FeedbackPayload) {
    super(FeedbackSubmitEvent.eventName, { ...init, cancelable: true });
  }
}

/** The response is saved on the device and waits to be sent. */
export class FeedbackQueuedEvent extends Event {
  static readonly eventName = 'feedback-queued';
  constructor(readonly detail: { id: string }) {
    super(FeedbackQueuedEvent.eventName, init);
  }
}

/** The endpoint accepted the response with a 2xx. */
export class FeedbackSentEvent extends Event {
  static readonly eventName = 'feedback-sent';
  constructor(readonly detail: { id: string; reference: string }) {
    super(FeedbackSentEvent.eventName, init);
  }
}

/** Codes carried by `feedback-error`. */
export type FeedbackErrorCode =
  | 'bad-endpoint'
  | 'bad-questions'
  | 'bad-stations'
  | 'bad-station'
  | 'bad-privacy-url'
  | 'bad-retention-days'
  | 'no-station'
  | 'invalid-payload'
  | 'rejected'
  | 'expired';

/** A terminal rejection (4xx other than 408/429) or a configuration error. */
export class FeedbackErrorEvent extends Event {
  static readonly eventName = 'feedback-error';
  constructor(readonly detail: { id?: string; code: FeedbackErrorCode; message: string }) {
    super(FeedbackErrorEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'feedback-submit': FeedbackSubmitEvent;
    'feedback-queued': FeedbackQueuedEvent;
    'feedback-sent': FeedbackSentEvent;
    'feedback-error': FeedbackErrorEvent;
  }
}
