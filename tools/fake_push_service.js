#!/usr/bin/env node
// A local fake push service for tests and benchmarks: npm web-push-testing (it speaks the Web
// Push protocol, checks the VAPID signature and decrypts each payload), started on 127.0.0.1.
// Added here: it records each push's TTL, Urgency and Topic headers, can answer a chosen status
// to a subscription's next pushes (429, 500, ...), counts what it accepted, and stops by
// itself after LIFETIME seconds or when its parent closes its standard input.
//
//   node tools/fake_push_service.js PORT [LIFETIME]
const TestingServer = require('web-push-testing/src/server.js');
const {PushApiModel} = require('web-push-testing/src/PushApiModel.js');

const port = Number(process.argv[2]);
const lifetime = Number(process.argv[3] || 600);
const model = new PushApiModel();
const server = new TestingServer(model, port);
const app = server._app;
const headers = {};
const failures = {};
let accepted = 0;

app.post('/notify/:clientHash', (req, res, next) => {
  const hash = req.params.clientHash;
  (headers[hash] = headers[hash] || []).push({
    ttl: req.get('TTL'), urgency: req.get('Urgency'), topic: req.get('Topic'),
  });
  const failure = failures[hash];
  if (failure && failure.count > 0) {
    failure.count -= 1;
    res.set('Retry-After', '0').status(failure.status).send();
    return;
  }
  res.on('finish', () => { if (res.statusCode === 201) accepted += 1; });
  next();
});
app.post('/recorded-headers', (req, res) => res.send({data: headers[req.body.clientHash] || []}));
app.post('/fail-next/:clientHash', (req, res) => {
  failures[req.params.clientHash] = {status: Number(req.body.status), count: Number(req.body.count)};
  res.sendStatus(200);
});
app.post('/accepted', (req, res) => res.send({data: {accepted}}));

model.notifyUrl = `http://127.0.0.1:${port}/notify/`;
server._server = app.listen(port, '127.0.0.1', () => console.log(`ready ${port}`));
server._server.on('error', (error) => { console.error(error.message); process.exit(1); });
server.setRequestHandlers();

setTimeout(() => process.exit(0), lifetime * 1000);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
