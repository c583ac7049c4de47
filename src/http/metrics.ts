import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { WebhookObserver, WebhookOutcome } from '../modules/webhook';

/** Prometheus metrics for one app instance (its own registry, so tests can build many apps). */
export class Metrics implements WebhookObserver {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'wxoa_webhook_requests_total',
    help: 'Webhook callbacks by account, message kind and outcome',
    labelNames: ['app_id', 'kind', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'wxoa_webhook_duration_seconds',
    help: 'Time from reading a callback to having its answer',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly dedupHits = new Counter({
    name: 'wxoa_webhook_dedup_hits_total',
    help: 'Retried callbacks answered from the dedup cache instead of running handlers again',
    labelNames: ['app_id'] as const,
    registers: [this.registry],
  });
  private readonly signatureFailures = new Counter({
    name: 'wxoa_webhook_signature_failures_total',
    help: 'Callbacks refused because signature or msg_signature did not match',
    labelNames: ['app_id'] as const,
    registers: [this.registry],
  });

  private readonly slaMarks = new Counter({
    name: 'wxoa_cs_sla_marks_total',
    help: 'Customer-service SLA warnings and breaches given, by account',
    labelNames: ['app_id', 'kind'] as const,
    registers: [this.registry],
  });

  /** One SLA warning or breach (each given once per waiting message). */
  slaMark(kind: 'warning' | 'breach', appId: string): void {
    this.slaMarks.inc({ app_id: appId, kind });
  }

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'wxoa_' });
  }

  /** Labelled series looked up once: prom-client hashes a label object on every call, and this runs per callback. */
  private readonly series = new Map<string, { requests: { inc(): void }; latency: { observe(v: number): void } }>();

  request(appId: string, kind: string, outcome: WebhookOutcome, seconds: number): void {
    const key = `${appId}\u0000${kind}\u0000${outcome}`;
    let series = this.series.get(key);
    if (!series) {
      // Bounded by accounts × kinds × outcomes (unknown appIds arrive as one label).
      series = { requests: this.requests.labels(appId, kind, outcome), latency: this.latency.labels(outcome) };
      this.series.set(key, series);
    }
    series.requests.inc();
    series.latency.observe(seconds);
  }

  dedupHit(appId: string): void {
    this.dedupHits.inc({ app_id: appId });
  }

  signatureFailure(appId: string): void {
    this.signatureFailures.inc({ app_id: appId });
  }
}
