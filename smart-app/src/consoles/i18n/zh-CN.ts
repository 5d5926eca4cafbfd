import type { Discipline } from '../../../../rules';
import type { ConsoleProblemKind } from '../console-problems';
import type { ConsoleRole } from '../session';

/** The strings of the consoles' shared strings (sign-in, problems, disciplines) in Simplified Chinese; `en.ts` has the same keys. Loaded with the feature's code. */
export const consolesZhCN = {
  consoles: {
    titles: { quality: '互认质控', admin: '院内互认规则管理', platform: '区域互认平台管理' } satisfies Record<
      ConsoleRole,
      string
    >,
    roles: { quality: '质控科（医务部）', admin: '本院管理员', platform: '平台管理员' } satisfies Record<
      ConsoleRole,
      string
    >,
    signOut: '退出登录',
    navigation: {
      label: '控制台页面',
      pages: {
        quality: '质控统计',
        admin: '规则管理',
        accessLog: '访问日志',
        quarantine: '数据接入隔离区',
        institutions: '机构',
        qualifications: '质控资质',
        connections: '接入与数据源',
        figures: '全省指标',
        regions: '地区与医联体',
        catalog: '项目目录',
      },
    },
    signIn: {
      heading: (console: string) => `登录${console}`,
      intro: {
        quality: '请输入质控科（医务部）的 API 令牌。令牌只保存在本浏览器标签页中，关闭标签页或退出登录后即失效。',
        admin: '请输入本院管理员的 API 令牌。令牌只保存在本浏览器标签页中，关闭标签页或退出登录后即失效。',
        platform: '请输入平台管理员的 API 令牌。令牌只保存在本浏览器标签页中，关闭标签页或退出登录后即失效。',
      } satisfies Record<ConsoleRole, string>,
      token: 'API 令牌',
      // Who to ask, in the reader's terms: only the platform's operator runs the command line.
      tokenHint: {
        quality: '以 hrn_ 开头。没有令牌请向本院信息科或互认平台管理员申请“质控科”令牌',
        admin: '以 hrn_ 开头。没有令牌请向互认平台管理员申请本院的“管理员”令牌',
        platform: '以 hrn_ 开头，在服务器上创建：npm run huren -- tokens create --name <姓名> --role platform',
      } satisfies Record<ConsoleRole, string>,
      required: '请输入令牌',
      submit: '登录',
      checking: '正在验证令牌…',
      unauthenticated: '令牌无效或已被撤销，请检查后重试。',
      forbidden: (role: string) => `此令牌不能用于本页面，请使用${role}的令牌。`,
      expired: '登录已失效（令牌可能已被撤销），请重新登录。',
    },
    problems: {
      kinds: {
        unreachable: '无法连接服务器，请检查网络后重试。',
        unavailable: '服务器暂时不可用，请稍后重试。',
        'rate-limited': '请求过于频繁，请稍候一分钟再试。',
        unauthenticated: '令牌无效或已被撤销，请重新登录。',
        forbidden: '此令牌无权进行该操作。',
        'not-found': '找不到要查看的内容（可能已被删除）。',
        invalid: '提交的内容未通过校验，请检查后重试。',
        'out-of-bounds': '超出地区政策允许的范围。',
        'hospital-unregistered': '本院尚未登记所属地区的互认政策，请联系平台管理员。',
        unexpected: '服务器出现意外错误，请稍后重试。',
      } satisfies Record<ConsoleProblemKind, string>,
      technical: '技术信息',
      retry: '重试',
    },
    disciplines: {
      chemistry: '临床化学',
      immunology: '临床免疫',
      hematology: '临床血液',
      coagulation: '凝血',
      urinalysis: '体液（尿液）',
      microbiology: '临床微生物',
      radiography: 'X线摄影（DR）',
      ct: 'CT',
      mr: '磁共振（MR）',
      ultrasound: '超声',
      'nuclear-medicine': '核医学',
    } satisfies Record<Discipline, string>,
  },
};

export type ConsolesMessages = typeof consolesZhCN;
