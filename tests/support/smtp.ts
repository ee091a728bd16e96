// A real SMTP server in the test process (smtp-server, from the nodemailer project), and a
// nodemailer transport to it: the messages the app sends arrive here, parsed by mailparser.
// `refuseNext(n, code)` makes the server refuse the next n messages at RCPT TO (451 is a
// temporary refusal, 550 a permanent one).
import { simpleParser, type ParsedMail } from "mailparser";
import nodemailer from "nodemailer";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type TestSmtp = {
  messages: ParsedMail[];
  refuseNext: (count: number, code?: number) => void;
  sender: ReturnType<typeof nodemailer.createTransport>;
  close: () => Promise<void>;
};

export async function startSmtp(): Promise<TestSmtp> {
  const messages: ParsedMail[] = [];
  let refusals = 0;
  let refusalCode = 451;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusals > 0) {
        refusals -= 1;
        const error = Object.assign(new Error(refusalCode >= 500 ? "Mailbox unavailable" : "Try again later"), { responseCode: refusalCode });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const sender = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, connectionTimeout: 5000 });
  return {
    messages,
    refuseNext: (count, code = 451) => {
      refusals = count;
      refusalCode = code;
    },
    sender,
    close: () =>
      new Promise<void>((resolve) => {
        sender.close();
        server.close(() => resolve());
      }),
  };
}
