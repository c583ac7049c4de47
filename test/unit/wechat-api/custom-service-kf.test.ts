import type { ApiCaller } from '../../../src/wechat-api/caller';
import { KfApi } from '../../../src/wechat-api/kf-accounts';

interface Call {
  method: string;
  path: string;
  body?: unknown;
  query?: unknown;
}

function fake(reply: (c: Call) => unknown = () => ({ errcode: 0, errmsg: 'ok' })) {
  const calls: Call[] = [];
  const answer = async <T>(c: Call): Promise<T> => {
    calls.push(c);
    return reply(c) as T;
  };
  const api: ApiCaller = {
    get: (path, query) => answer({ method: 'GET', path, query }),
    post: (path, body) => answer({ method: 'POST', path, body }),
    upload: () => Promise.reject(new Error('not used')),
    download: () => Promise.reject(new Error('not used')),
  };
  return { kf: new KfApi(api), calls };
}

describe('KfApi agent accounts', () => {
  it('when accounts are managed, then management goes to /customservice/ and delete passes kf_account in the query', async () => {
    const { kf, calls } = fake();
    await kf.addAccount('test1@test', '客服1');
    await kf.updateAccount('test1@test', '客服一');
    await kf.inviteWorker('test1@test', 'wx_worker');
    await kf.deleteAccount('test1@test');
    expect(calls).toEqual([
      { method: 'POST', path: '/customservice/kfaccount/add', body: { kf_account: 'test1@test', nickname: '客服1' } },
      { method: 'POST', path: '/customservice/kfaccount/update', body: { kf_account: 'test1@test', nickname: '客服一' } },
      { method: 'POST', path: '/customservice/kfaccount/inviteworker', body: { kf_account: 'test1@test', invite_wx: 'wx_worker' } },
      { method: 'GET', path: '/customservice/kfaccount/del', query: { kf_account: 'test1@test' } },
    ]);
  });

  it('when the list is read, then it comes from /cgi-bin/customservice/ with bound and invited agents mapped', async () => {
    const { kf, calls } = fake(() => ({
      kf_list: [
        { kf_account: 'a@test', kf_headimgurl: 'http://h', kf_id: 1001, kf_nick: 'A', kf_wx: 'kfwx', kf_openid: 'oKF' },
        { kf_account: 'b@test', kf_headimgurl: '', kf_id: '1002', kf_nick: 'B', invite_wx: 'bwx', invite_expire_time: 123, invite_status: 'waiting' },
      ],
    }));
    expect(await kf.listAccounts()).toEqual([
      { account: 'a@test', nickname: 'A', id: '1001', headImgUrl: 'http://h', wechatId: 'kfwx', openid: 'oKF' },
      { account: 'b@test', nickname: 'B', id: '1002', headImgUrl: '', invite: { wechatId: 'bwx', expiresAt: 123, status: 'waiting' } },
    ]);
    expect(calls[0]?.path).toBe('/cgi-bin/customservice/getkflist');
  });

  it('when the online list is read, then accepted_case becomes acceptedCases', async () => {
    const { kf, calls } = fake(() => ({ kf_online_list: [{ kf_account: 'a@test', status: 1, kf_id: 1001, accepted_case: 2 }] }));
    expect(await kf.listOnlineAccounts()).toEqual([{ account: 'a@test', status: 1, id: '1001', acceptedCases: 2 }]);
    expect(calls[0]?.path).toBe('/cgi-bin/customservice/getonlinekflist');
  });
});

describe('KfApi sessions', () => {
  it('when sessions are created and closed, then both post kf_account and openid', async () => {
    const { kf, calls } = fake();
    await kf.createSession('a@test', 'O1');
    await kf.closeSession('a@test', 'O1');
    expect(calls.map((c) => [c.path, c.body])).toEqual([
      ['/customservice/kfsession/create', { kf_account: 'a@test', openid: 'O1' }],
      ['/customservice/kfsession/close', { kf_account: 'a@test', openid: 'O1' }],
    ]);
  });

  it('when nobody serves the follower, then getSession gives kfAccount null', async () => {
    const { kf, calls } = fake(() => ({ createtime: 0, kf_account: '' }));
    expect(await kf.getSession('O1')).toEqual({ kfAccount: null, createdAt: 0 });
    expect(calls[0]).toEqual({ method: 'GET', path: '/customservice/kfsession/getsession', query: { openid: 'O1' } });
  });

  it('when an agent has sessions, then listSessions maps createtime', async () => {
    const { kf, calls } = fake(() => ({ sessionlist: [{ createtime: 123456789, openid: 'O1' }] }));
    expect(await kf.listSessions('a@test')).toEqual([{ openid: 'O1', createdAt: 123456789 }]);
    expect(calls[0]?.query).toEqual({ kf_account: 'a@test' });
  });

  it('when the queue answers latest_time or the fixture-style createtime, then both read as latestTime', async () => {
    const { kf } = fake(() => ({ count: 150, waitcaselist: [{ latest_time: 11, openid: 'O1' }, { createtime: 22, openid: 'O2' }] }));
    expect(await kf.waitCase()).toEqual({ count: 150, cases: [{ openid: 'O1', latestTime: 11 }, { openid: 'O2', latestTime: 22 }] });
  });
});
