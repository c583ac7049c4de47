import { systemClock, type Clock } from '../shared/clock';
import type { ApiCaller } from './caller';
import { DATACUBE_MAX_SPAN, splitIntoWindows, type DatacubeEndpoint } from './datacube-windows';
import {
  camelize,
  type ArticleSummaryRow,
  type ArticleTotalRow,
  type InterfaceSummaryHourRow,
  type InterfaceSummaryRow,
  type UpstreamMsgDistRow,
  type UpstreamMsgHourRow,
  type UpstreamMsgRow,
  type UserCumulateRow,
  type UserReadHourRow,
  type UserReadRow,
  type UserShareHourRow,
  type UserShareRow,
  type UserSummaryRow,
} from './datacube-types';

/**
 * Analytics (datacube), protocol doc §9. Every method takes an inclusive 'YYYY-MM-DD' range ending
 * yesterday (Asia/Shanghai) at the latest and checks it before calling. A range longer than the
 * endpoint's maximum span is cut into legal consecutive windows, fetched one after another, and
 * the rows concatenated in date order.
 */
export class DatacubeApi {
  constructor(
    private readonly caller: ApiCaller,
    private readonly clock: Clock = systemClock,
  ) {}

  /** New and cancelled follows per day and source. https://developers.weixin.qq.com/doc/offiaccount/Analytics/User_Analysis_Data_Interface.html */
  userSummary(begin: string, end: string): Promise<UserSummaryRow[]> {
    return this.fetch<UserSummaryRow>('getusersummary', begin, end);
  }

  /** Followers at the end of each day. https://developers.weixin.qq.com/doc/offiaccount/Analytics/User_Analysis_Data_Interface.html */
  userCumulate(begin: string, end: string): Promise<UserCumulateRow[]> {
    return this.fetch<UserCumulateRow>('getusercumulate', begin, end);
  }

  /** Per-article reads of each day's send. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Graphic_Analysis_Data_Interface.html */
  articleSummary(begin: string, end: string): Promise<ArticleSummaryRow[]> {
    return this.fetch<ArticleSummaryRow>('getarticlesummary', begin, end);
  }

  /** Per-article totals over the days after the send. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Graphic_Analysis_Data_Interface.html */
  articleTotal(begin: string, end: string): Promise<ArticleTotalRow[]> {
    return this.fetch<ArticleTotalRow>('getarticletotal', begin, end);
  }

  /** Reads per day. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Graphic_Analysis_Data_Interface.html */
  userRead(begin: string, end: string): Promise<UserReadRow[]> {
    return this.fetch<UserReadRow>('getuserread', begin, end);
  }

  /** Reads per hour and read source. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Graphic_Analysis_Data_Interface.html */
  userReadHour(begin: string, end: string): Promise<UserReadHourRow[]> {
    return this.fetch<UserReadHourRow>('getuserreadhour', begin, end);
  }

  /** Shares per day and scene. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Graphic_Analysis_Data_Interface.html */
  userShare(begin: string, end: string): Promise<UserShareRow[]> {
    return this.fetch<UserShareRow>('getusershare', begin, end);
  }

  /** Shares per hour and scene. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Graphic_Analysis_Data_Interface.html */
  userShareHour(begin: string, end: string): Promise<UserShareHourRow[]> {
    return this.fetch<UserShareHourRow>('getusersharehour', begin, end);
  }

  /** Follower messages per day and type. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html */
  upstreamMsg(begin: string, end: string): Promise<UpstreamMsgRow[]> {
    return this.fetch<UpstreamMsgRow>('getupstreammsg', begin, end);
  }

  /** Follower messages per hour and type. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html */
  upstreamMsgHour(begin: string, end: string): Promise<UpstreamMsgHourRow[]> {
    return this.fetch<UpstreamMsgHourRow>('getupstreammsghour', begin, end);
  }

  /** Follower messages per week. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html */
  upstreamMsgWeek(begin: string, end: string): Promise<UpstreamMsgRow[]> {
    return this.fetch<UpstreamMsgRow>('getupstreammsgweek', begin, end);
  }

  /** Follower messages per month. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html */
  upstreamMsgMonth(begin: string, end: string): Promise<UpstreamMsgRow[]> {
    return this.fetch<UpstreamMsgRow>('getupstreammsgmonth', begin, end);
  }

  /** How many followers sent how many messages, per day. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html */
  upstreamMsgDist(begin: string, end: string): Promise<UpstreamMsgDistRow[]> {
    return this.fetch<UpstreamMsgDistRow>('getupstreammsgdist', begin, end);
  }

  /** The distribution per week. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html */
  upstreamMsgDistWeek(begin: string, end: string): Promise<UpstreamMsgDistRow[]> {
    return this.fetch<UpstreamMsgDistRow>('getupstreammsgdistweek', begin, end);
  }

  /** The distribution per month. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Message_analysis_data_interface.html */
  upstreamMsgDistMonth(begin: string, end: string): Promise<UpstreamMsgDistRow[]> {
    return this.fetch<UpstreamMsgDistRow>('getupstreammsgdistmonth', begin, end);
  }

  /** Callbacks to our server per day: count, failures, time. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Analytics_API.html */
  interfaceSummary(begin: string, end: string): Promise<InterfaceSummaryRow[]> {
    return this.fetch<InterfaceSummaryRow>('getinterfacesummary', begin, end);
  }

  /** The same per hour. https://developers.weixin.qq.com/doc/offiaccount/Analytics/Analytics_API.html */
  interfaceSummaryHour(begin: string, end: string): Promise<InterfaceSummaryHourRow[]> {
    return this.fetch<InterfaceSummaryHourRow>('getinterfacesummaryhour', begin, end);
  }

  /** Checks the range, then one POST /datacube/<endpoint> per legal window. */
  async fetch<Row>(endpoint: DatacubeEndpoint, beginDate: string, endDate: string): Promise<Row[]> {
    const windows = splitIntoWindows(beginDate, endDate, DATACUBE_MAX_SPAN[endpoint], this.clock);
    const rows: Row[] = [];
    for (const w of windows) {
      const res = await this.caller.post<{ list?: unknown[] }>(`/datacube/${endpoint}`, { begin_date: w.beginDate, end_date: w.endDate });
      for (const raw of res.list ?? []) rows.push(camelize(raw) as Row);
    }
    return rows;
  }
}
