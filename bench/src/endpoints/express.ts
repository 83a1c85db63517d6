import { createServer, type Server } from 'node:http';
import { antomNotifications } from '@antomkit/express';
import express from 'express';
import {
  ACK,
  adapterOptions,
  BASELINE_PATH,
  type EndpointConfig,
  handWrittenCheck,
  OURS_PATH,
  parsedKey,
  readBody,
} from './common';

/** Express 5: the adapter's route and a hand-written one side by side. */
export function expressServer(config: EndpointConfig): Server {
  const key = parsedKey(config);
  const app = express();
  app.post(OURS_PATH, antomNotifications(adapterOptions(config)));
  app.post(BASELINE_PATH, (req, res, next) => {
    readBody(req)
      .then((body) => {
        if (!handWrittenCheck(req.originalUrl, req.headers, body, key)) {
          res.status(401).end();
          return;
        }
        res.status(200).setHeader('content-type', 'application/json');
        res.end(ACK);
      })
      .catch(next);
  });
  return createServer(app);
}
